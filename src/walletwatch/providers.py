"""The one table of wallet providers: every fact about a provider that is not parsing.

A provider is the company a complaint goes to; a format is one of its export layouts (an
importer's ``name``). Everything that needs "which provider is this file", "what is it called",
"where and in which language does one complain" or "which column proves money left on a failed
row" reads it here, so adding a provider or a format touches this table and its importer.

A format the table does not know (a ``--map`` mapping, a format from a newer version in a
saved scan document) is its own provider: ``provider_of("my-bank")`` is ``"my-bank"`` (the
mapping's ``provider`` defaults to its ``name`` for the same reason). Its display name is the
id itself, it has no default jurisdiction (the report asks for ``--jurisdiction``), the report
language follows the system locale, and no column proves a debit on a failed row.

Bottom layer: imports nothing from walletwatch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Provider:
    """One wallet provider.

    ``jurisdiction`` is the default complaint jurisdiction; it is also the name of the report
    channels module (``walletwatch.report.channels.<jurisdiction>``) that serves it. ``lang``
    is the report's default language, ``None`` for "the system locale's". ``debit_evidence``
    maps a format to the ``(column, value)`` that proves money left on a failed or closed row;
    a format not listed prints failed rows with the amount's sign even though nothing was
    taken, so there a failed row never proves a debit (see ``checks/failed.py``).
    """

    id: str
    name_en: str
    name_zh: str
    formats: tuple[str, ...]
    jurisdiction: str | None
    lang: str | None = None
    debit_evidence: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def channels(self) -> str | None:
        """The module under ``walletwatch.report.channels`` for this provider's complaints."""
        return self.jurisdiction

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


PROVIDERS = (
    Provider("alipay", "Alipay", "支付宝", ("alipay-app", "alipay-app-2021", "alipay-web"),
             "cn", "zh", debit_evidence={
                 # 收/支 支出 on a 交易关闭 row: paid, then (normally) refunded by a separate
                 # ``<id>_`` row; 不计收支 is an order never paid (formats.md).
                 "alipay-app": ("收/支", "支出"),
                 "alipay-app-2021": ("收/支", "支出"),
                 # The PC web export says it in 资金状态; 收/支 there is the order's side only.
                 "alipay-web": ("资金状态", "已支出"),
             }),
    Provider("wechat", "WeChat Pay", "微信支付", ("wechat-csv", "wechat-xlsx"), "cn", "zh"),
    Provider("jd", "JD Pay", "京东支付", ("jd",), "cn", "zh"),
    Provider("meituan", "Meituan Pay", "美团支付", ("meituan",), "cn", "zh"),
    Provider("paypal", "PayPal", "PayPal", ("paypal",), "us"),
    Provider("revolut", "Revolut", "Revolut", ("revolut", "revolut-legacy"), "uk"),
    Provider("wise", "Wise", "Wise", ("wise-statement", "wise-history"), "uk"),
    Provider("monzo", "Monzo", "Monzo", ("monzo",), "uk"),
    Provider("venmo", "Venmo", "Venmo", ("venmo",), "us"),
    Provider("cashapp", "Cash App", "Cash App", ("cashapp",), "us"),
)

_BY_ID = MappingProxyType({p.id: p for p in PROVIDERS})
_BY_FORMAT = MappingProxyType({fmt: p for p in PROVIDERS for fmt in p.formats})


def get(provider: str) -> Provider:
    """The provider with this id; an unknown id is a provider of its own (see the module doc)."""
    known = _BY_ID.get(provider)
    if known is not None:
        return known
    return Provider(provider, provider, provider, (), None)


def provider_of(fmt: str) -> str:
    """The provider id of a format; a format the table does not know is its own provider."""
    known = _BY_FORMAT.get(fmt)
    return known.id if known is not None else fmt


def of_format(fmt: str) -> Provider:
    return get(provider_of(fmt))


def formats() -> tuple[str, ...]:
    """Every format the table knows, in table order."""
    return tuple(_BY_FORMAT)


def debit_evidence(fmt: str) -> tuple[str, str] | None:
    """The ``(column, value)`` that proves a debit on a failed row of ``fmt``, else None."""
    return of_format(fmt).debit_evidence.get(fmt)


def debit_formats() -> frozenset[str]:
    """The formats whose failed or closed rows can still have taken money."""
    return frozenset(fmt for p in PROVIDERS for fmt in p.debit_evidence)
