"""Channel entries that read the same in several jurisdictions."""

from __future__ import annotations

# The founding document's second step: the provider's official social-media accounts.
# No handles are verified anywhere, so none is named.
SOCIAL_SUPPORT = {
    "id": "social",
    "kind": "social",
    "name": ("{provider}'s official social-media support accounts",
             "{provider}官方社交媒体客服账号"),
    "contact": ("The provider's verified support account.", "服务商经认证的客服账号。"),
    "when": ("If the provider does not answer. Do not post personal data in public.",
             "服务商未答复时。请勿公开发布个人信息。"),
    "facts": [],
    "source": None,  # no official handle is confirmed, so none is named
}
