"""PayPal "Activity download" CSV (formats.md §3), mapped by column name.

One importer reads the 41-column activity download, the 22-column business variant, the
legacy "Download History" layout (spaces after the commas, ``Time Zone``, two-digit years in
2011 files), the statement layout (``Description``, ``Balance``) and the UK "history" layout
(``Date,Time,Time zone,Name,Type,Status,Currency,Amount,Receipt ID,Balance``): they share the
column names that matter.

PayPal writes the same files in the account's language. ``LOCALES`` (the layout's
``locales``) is one table of column names per language (English, German, French, Spanish,
Italian, Dutch, Japanese, Chinese) with that language's number and date conventions; the
header is renamed to the English names and everything after that is the same code, which
reads every column through the layout (``columns`` and ``helpers``): a new language is one
``Locale`` entry and its test file. Each row names its own zone (``PST``/``PDT``/``CET``
… or an IANA name such as ``Europe/Berlin``); dates are US ``M/D/YYYY``, European
``D/M/YYYY`` / ``D.M.YYYY`` or ``YYYY/M/D`` and numbers ``1,015.30``, ``1.015,30`` or
``2 026,41`` (no-break spaces), decided per file from the language and the values.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from walletwatch.ingest.base import Detection, Notice, Sample
from walletwatch.ingest.layout import Layout, Locale, locale_of
from walletwatch.ingest.quirks import (
    SyntheticColumns,
    abbreviated_times,
    abbreviated_zones,
    first_nonempty,
    promote_refunds,
    unknown_abbreviations,
)

STATUSES = {
    "Completed": "success",
    "Cleared": "success",
    "Pending": "pending",
    "Placed": "pending",
    "Held": "pending",
    "Unclaimed": "pending",  # sent to someone without an account: not yet taken
    "Denied": "failed",
    "Refunded": "refunded",
    "Partially Refunded": "refunded",
    "Canceled": "closed",
    "Cancelled": "closed",
    "Removed": "closed",
    "Reversed": "closed",
    # The same words in the other languages of the activity download (see LOCALES).
    "Abgeschlossen": "success", "Ausstehend": "pending", "Storniert": "closed",
    "Rückerstattet": "refunded", "Teilweise rückerstattet": "refunded", "Abgelehnt": "failed",
    "Terminé": "success", "En attente": "pending", "Annulé": "closed", "Remboursé": "refunded",
    "Partiellement remboursé": "refunded", "Refusé": "failed",
    "Completado": "success", "Pendiente": "pending", "Cancelado": "closed",
    "Reembolsado": "refunded", "Denegado": "failed", "Rechazado": "failed",
    "Completata": "success", "Completato": "success", "In sospeso": "pending",
    "Annullata": "closed", "Annullato": "closed", "Rimborsata": "refunded",
    "Rimborsato": "refunded", "Negata": "failed", "Rifiutata": "failed",
    "Voltooid": "success", "In behandeling": "pending", "Geannuleerd": "closed",
    "Terugbetaald": "refunded", "Geweigerd": "failed",
    "完了": "success", "保留中": "pending", "キャンセル済み": "closed", "返金済み": "refunded",
    "拒否": "failed",
    "已完成": "success", "已取消": "closed", "已退款": "refunded", "已拒绝": "failed",
}
BALANCE_IMPACT = {"Credit": "in", "Debit": "out", "Memo": "neutral",
                  "Haben": "in", "Soll": "out", "Crédit": "in", "Débit": "out"}
KIND_RULES = (
    (r"(?i)refund|reversal|chargeback|rückzahlung|erstattung|rembours|reembolso|rimborso|"
     r"terugbetaling|返金|退款", "refund"),
    (r"(?i)withdrawal|auszahlung|abbuchung auf|retrait|retirada|prelievo|opname|引き出し|提现",
     "withdrawal"),
    (r"(?i)bank deposit|add funds|deposit to pp|transfer from bank|bankgutschrift|"
     r"überweisung als zahlungsquelle", "topup"),
    (r"(?i)currency conversion|hold|release|authori[sz]ation|investment|einbehaltung|"
     r"autorisierung", "other"),
    (r"(?i)\bfee\b", "fee"),
    (r"(?i)money transfer|mass pay|transfer to|general payment|send money", "transfer"),
)
KNOWN = (
    "Date", "Time", "TimeZone", "Time Zone", "Net", "Balance", "Shipping Address",
    "Address Status", "Item ID", "Shipping and Handling Amount", "Insurance Amount", "Sales Tax",
    "Option 1 Name", "Option 1 Value", "Option 2 Name", "Option 2 Value", "Reference Txn ID",
    "Custom Number", "Quantity", "Receipt ID", "Address Line 1",
    "Address Line 2/District/Neighborhood", "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
    "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact",
    "From Email Address", "To Email Address", "Item Title", "Description", "Payment Type",
    "Counterparty Status", "Tip", "Discount", "Auction Site", "Buyer ID", "Item URL",
    "Closing Date", "Subscription Number", "Bank Name", "Bank Account", "Invoice ID",
    "Time zone", "Amount", "Escrow Id", "Invoice Id",
)
_DATE = r"^(?P<a>[0-9]{1,4})[/.\-](?P<b>[0-9]{1,2})[/.\-](?P<c>[0-9]{2,4})$"
# Two-digit years (``09/01/11`` in 2011 US downloads): PayPal began in 1998, so 70–99 are
# 19xx and 00–69 are 20xx.
_CENTURY_PIVOT = 70


# The columns a file must have to be read: the activity download's and the UK history's.
SIGNATURES = (("Date", "Time", "Gross", "Net", "Transaction ID"),
              ("Date", "Time", "Name", "Status", "Currency", "Amount", "Receipt ID", "Balance"))

ENGLISH = Locale("en")
LOCALES = (
    ENGLISH,
    Locale("de", {
        "Date": ("Datum",), "Time": ("Uhrzeit",), "Time Zone": ("Zeitzone",),
        "Name": ("Name",), "Type": ("Typ",), "Status": ("Status",), "Currency": ("Währung",),
        "Gross": ("Brutto",), "Fee": ("Entgelt", "Gebühr"), "Net": ("Netto",),
        "Balance": ("Guthaben",), "Transaction ID": ("Transaktionscode",),
        "From Email Address": ("Absender E-Mail-Adresse", "Absender-E-Mail-Adresse"),
        "To Email Address": ("Empfänger E-Mail-Adresse", "Empfänger-E-Mail-Adresse"),
        "Reference Txn ID": ("Zugehöriger Transaktionscode", "Ref Transaktionscode"),
        "Invoice Number": ("Rechnungsnummer",), "Item Title": ("Artikelbezeichnung",),
        "Subject": ("Betreff",), "Note": ("Hinweis",), "Description": ("Beschreibung",),
        "Balance Impact": ("Auswirkung auf Guthaben",), "Receipt ID": ("Empfangsnummer",),
        "Amount": ("Betrag",), "Bank Name": ("Name der Bank",), "Bank Account": ("Bankkonto",),
        "Shipping and Handling Amount": ("Versand- und Bearbeitungsgebühr",),
        "Sales Tax": ("Umsatzsteuer",),
        # The rest of the 41-column "Aktivitäten" download (Datum … Auswirkung auf Guthaben).
        "Shipping Address": ("Lieferadresse",), "Address Status": ("Adress-Status",),
        "Item ID": ("Artikelnummer",), "Insurance Amount": ("Versicherungsbetrag",),
        "Option 1 Value": ("Option 1 Wert",), "Option 2 Value": ("Option 2 Wert",),
        "Custom Number": ("Zollnummer",), "Quantity": ("Anzahl",),
        "Address Line 1": ("Adresszeile 1",),
        "Address Line 2/District/Neighborhood": ("Adresszusatz",), "Town/City": ("Ort",),
        "State/Province/Region/County/Territory/Prefecture/Republic": ("Bundesland",),
        "Zip/Postal Code": ("PLZ",), "Country": ("Land",),
        "Contact Phone Number": ("Telefon",), "Country Code": ("Ländervorwahl",),
    }, day_first=True, decimal_comma=True),
    Locale("fr", {
        "Date": ("Date",), "Time": ("Heure",), "Time Zone": ("Fuseau horaire",),
        "Name": ("Nom",), "Type": ("Type",), "Status": ("État", "Etat", "Statut"),
        "Currency": ("Devise",), "Gross": ("Brut",), "Fee": ("Frais",), "Net": ("Net",),
        "Balance": ("Solde",), "Transaction ID": ("Numéro de transaction",),
        "From Email Address": ("De l'adresse email", "Adresse email de l'expéditeur"),
        "To Email Address": ("À l'adresse email", "Adresse email du destinataire"),
        "Reference Txn ID": ("Numéro de la transaction de référence",),
        "Invoice Number": ("Numéro de facture",), "Item Title": ("Titre de l'objet",),
        "Subject": ("Objet",), "Note": ("Remarque",), "Description": ("Description",),
        "Balance Impact": ("Impact sur le solde",), "Receipt ID": ("Numéro de reçu",),
        "Amount": ("Montant",), "Bank Name": ("Nom de la banque",),
        "Bank Account": ("Compte bancaire",),
        "Shipping and Handling Amount": ("Montant des frais de livraison et de traitement",),
        "Sales Tax": ("TVA",),
    }, day_first=True, decimal_comma=True),
    Locale("es", {
        "Date": ("Fecha",), "Time": ("Hora",), "Time Zone": ("Zona horaria",),
        "Name": ("Nombre",), "Type": ("Tipo",), "Status": ("Estado",),
        "Currency": ("Divisa", "Moneda"), "Gross": ("Bruto",), "Fee": ("Comisión", "Tarifa"),
        "Net": ("Neto",), "Balance": ("Saldo",), "Transaction ID": ("Id. de transacción",),
        "From Email Address": ("Correo electrónico del remitente",),
        "To Email Address": ("Correo electrónico del destinatario",),
        "Reference Txn ID": ("Id. de referencia de trans.",),
        "Invoice Number": ("Id. de factura", "Número de factura"),
        "Item Title": ("Título del artículo",), "Subject": ("Asunto",), "Note": ("Nota",),
        "Description": ("Descripción",), "Balance Impact": ("Impacto en el saldo",),
        "Receipt ID": ("Id. de recibo",), "Amount": ("Importe",),
        "Bank Name": ("Nombre del banco",), "Bank Account": ("Cuenta bancaria",),
        "Shipping and Handling Amount": ("Importe de envío y manipulación",),
        "Sales Tax": ("Impuesto de ventas",),
    }, day_first=True, decimal_comma=True),
    Locale("it", {
        "Date": ("Data",), "Time": ("Orario", "Ora"), "Time Zone": ("Fuso orario",),
        "Name": ("Nome",), "Type": ("Tipo",), "Status": ("Stato",), "Currency": ("Valuta",),
        "Gross": ("Lordo",), "Fee": ("Tariffa", "Commissione"), "Net": ("Netto",),
        "Balance": ("Saldo",), "Transaction ID": ("Codice transazione",),
        "From Email Address": ("Indirizzo email mittente",),
        "To Email Address": ("Indirizzo email destinatario",),
        "Reference Txn ID": ("Codice transazione di riferimento",),
        "Invoice Number": ("Numero fattura",), "Item Title": ("Titolo oggetto",),
        "Subject": ("Oggetto",), "Note": ("Messaggio",), "Description": ("Descrizione",),
        "Balance Impact": ("Impatto sul saldo",), "Receipt ID": ("Numero ricevuta",),
        "Amount": ("Importo",),
    }, day_first=True, decimal_comma=True),
    Locale("nl", {
        "Date": ("Datum",), "Time": ("Tijd",), "Time Zone": ("Tijdzone",),
        "Name": ("Naam",), "Type": ("Type",), "Status": ("Status",), "Currency": ("Valuta",),
        "Gross": ("Bruto",), "Fee": ("Kosten",), "Net": ("Net", "Netto"),
        "Balance": ("Saldo",), "Transaction ID": ("Transactiereferentie",),
        "From Email Address": ("Van e-mailadres",), "To Email Address": ("Naar e-mailadres",),
        "Reference Txn ID": ("Reference Txn ID", "Referentie transactiereferentie"),
        "Invoice Number": ("Factuurnummer",), "Item Title": ("Objecttitel",),
        "Subject": ("Onderwerp",), "Note": ("Opmerking",), "Description": ("Omschrijving",),
        "Balance Impact": ("Effect op saldo",), "Receipt ID": ("Ontvangstbewijsnummer",),
        "Amount": ("Bedrag",),
    }, day_first=True, decimal_comma=True),
    Locale("ja", {
        "Date": ("日付",), "Time": ("時間", "時刻"), "Time Zone": ("タイムゾーン",),
        "Name": ("名前",), "Type": ("タイプ",), "Status": ("ステータス",), "Currency": ("通貨",),
        "Gross": ("総額",), "Fee": ("手数料",), "Net": ("正味", "純額"), "Balance": ("残高",),
        "Transaction ID": ("取引ID",), "From Email Address": ("送信者メールアドレス",),
        "To Email Address": ("受信者メールアドレス",), "Reference Txn ID": ("参照取引ID",),
        "Invoice Number": ("請求書番号",), "Item Title": ("商品名",), "Subject": ("件名",),
        "Note": ("メモ",), "Description": ("説明",), "Balance Impact": ("残高への影響",),
        "Receipt ID": ("受領書ID",), "Amount": ("金額",),
    }, day_first=False, decimal_comma=False),
    Locale("zh", {
        "Date": ("日期",), "Time": ("时间",), "Time Zone": ("时区",), "Name": ("名称",),
        "Type": ("类型",), "Status": ("状态",), "Currency": ("币种", "货币"),
        "Gross": ("总额",), "Fee": ("费用",), "Net": ("净额",), "Balance": ("余额",),
        "Transaction ID": ("交易号",), "From Email Address": ("发件人电子邮件地址",),
        "To Email Address": ("收件人电子邮件地址",), "Reference Txn ID": ("参考交易号",),
        "Invoice Number": ("账单号",), "Item Title": ("物品名称",), "Subject": ("主题",),
        "Note": ("备注",), "Description": ("说明",), "Balance Impact": ("对余额的影响",),
        "Receipt ID": ("收据号",), "Amount": ("金额",),
    }, day_first=False, decimal_comma=False),
)


LAYOUT = Layout(
    name="paypal",
    title="PayPal activity download CSV (41-column, business and legacy layouts)",
    header=("Date", "Time", "Gross", "Net", "Transaction ID"),
    columns={
        "txn_id": ("Transaction ID",),
        "merchant_order_id": ("Invoice Number", "Invoice ID"),
        "time": ("__when__",),
        "amount": ("Gross", "Amount"),
        "currency": ("Currency",),
        "direction": ("Balance Impact",),
        "status": ("Status",),
        "counterparty": ("Name",),
        "description": ("Item Title", "Subject", "Description", "Note"),
        "category": ("Type", "Description"),  # the statement layout names the type there
        "fee": ("Fee",),
    },
    helpers={
        "date": ("Date",),
        "clock": ("Time",),
        "zone": ("TimeZone", "Time Zone", "Time zone"),
        "money": ("Gross", "Fee", "Net", "Balance"),  # numbers in the file's own format
        "sender": ("From Email Address",),
        "receiver": ("To Email Address",),
        "refund_of": ("Reference Txn ID",),
    },
    locales=LOCALES,
    known_columns=KNOWN,
    tz="UTC",
    time_formats=("%Y-%m-%d %H:%M:%S",),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
    recognised_by="header row with Date, Time, Gross, Net, Transaction ID, or Date, Time, Name, "
                  "Status, Currency, Amount, Receipt ID, Balance (UK history), in English, "
                  "German, French, Spanish, Italian, Dutch, Japanese or Chinese",
)


def day_first(dates: pd.Series, default: bool = False) -> bool:
    """``D/M/YYYY`` when some first field is > 12, ``M/D/YYYY`` when some second one is;
    dotted dates (18.03.2016) are European; otherwise the language's ``default``."""
    parts = dates.str.extract(_DATE)
    a = pd.to_numeric(parts["a"], errors="coerce")
    b = pd.to_numeric(parts["b"], errors="coerce")
    if (parts["a"].str.len() == 4).any():
        return False  # ISO year first
    if (a > 12).any():
        return True
    if (b > 12).any():
        return False
    return bool(dates.str.contains(".", regex=False).any()) or default


def decimal_comma(values: pd.DataFrame) -> bool:
    """EU numbers (``23,00``, ``1.015,30``): a comma followed by 1–2 final digits."""
    text = values.stack() if len(values.columns) else pd.Series([], dtype=object)
    return bool(text.str.contains(r",[0-9]{1,2}$|\.[0-9]{3},", regex=True).any())


def four_digit_years(year: pd.Series) -> pd.Series:
    two = year.str.len() == 2
    if not two.fillna(False).any():
        return year
    century = np.where(pd.to_numeric(year, errors="coerce") >= _CENTURY_PIVOT, "19", "20")
    return year.where(~two.fillna(False), pd.Series(century, index=year.index) + year)


class PayPalImporter(SyntheticColumns):
    """Reads every column through its layout: ``columns`` for the normalised fields,
    ``helpers`` for what the hooks need, ``locales`` for the header's language."""

    synthetic = ("__when__",)

    def __init__(self, layout: Layout, locale: Locale | None = None):
        super().__init__(layout)
        self.locale = locale or layout.locales[0]

    def _locale_of(self, header: list[str] | tuple[str, ...]):
        return locale_of(self.layout.locales, SIGNATURES, header)

    def sniff(self, sample: Sample) -> Detection | None:
        if sample.kind != "text":
            return None
        for number, line in enumerate(sample.lines[:200], start=1):
            if "," not in line:
                continue
            try:
                cells = next(csv.reader([line]))
            except csv.Error:
                continue
            found = self._locale_of(cells)
            if found is not None:
                locale, signature = found
                names = ", ".join(locale.local(name)[0] for name in signature)
                reason = f"header at line {number} has {names} (PayPal, {locale.code})"
                return Detection(self.name, len(signature), number, reason)
        return None

    def normalise(self, table, sample, options):
        found = self._locale_of(table.header)
        locale = found[0] if found else self.layout.locales[0]
        if locale is not self.locale:  # a reader for this file's language
            return type(self)(self.layout, locale).normalise(table, sample, options)
        if locale.names:
            declared = dict(zip(table.header, locale.declared(table.header), strict=True))
            table.cells = table.cells.rename(columns=declared)
            table.header = [declared[h] for h in table.header]
        parsed = super().normalise(table, sample, options)
        zone = self.helper(table.cells, "zone")
        if zone is not None:
            for code in unknown_abbreviations(table.cells[zone]):
                parsed.notices.append(Notice(
                    "unknown-time-zone",
                    f"time zone {code!r} is not known; read in {options.tz or 'UTC'}",
                    value=code))
        return parsed

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        date = self.helper_values(cells, "date")
        parts = date.str.extract(_DATE)
        first, second, third = parts["a"], parts["b"], parts["c"]
        day, month = (first, second) if day_first(date, self.locale.day_first) else (second, first)
        year_first = (first.str.len() == 4).to_numpy()  # 2016-03-18
        day, month = day.where(~year_first, third), month.where(~year_first, second)
        year = four_digit_years(third.where(~year_first, first))
        iso = year.str.zfill(4) + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
        iso = iso.where(parts["a"].notna(), date)  # unreadable dates stay as written
        time = self.helper_values(cells, "clock")
        zone = self.helper(cells, "zone")
        abbrev = cells[zone].astype(str) if zone else ""
        cells["__when__"] = (iso + " " + time + " " + abbrev).str.strip()
        amounts = self.helpers(cells, "money")
        if self.locale.decimal_comma or decimal_comma(cells[amounts]):
            for column in amounts:
                cells[column] = (cells[column].str.replace(".", "", regex=False)
                                 .str.replace(",", ".", regex=False))
        return cells

    def times(self, values: pd.Series, tz: str):
        # A known abbreviation is the file's own statement of the offset and wins; ``tz``
        # (--tz, else UTC) applies only to rows without one.
        return abbreviated_times(values, self.layout.time_formats, tz)

    def directions(self, values: pd.Series, negative: np.ndarray, minor: np.ndarray) -> pd.Series:
        signed = np.where(minor == 0, "neutral", np.where(negative, "out", "in"))
        mapped = values.map(BALANCE_IMPACT)
        return mapped.where(mapped.notna(), pd.Series(signed, index=values.index)).astype(object)

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        zone = self.helper(cells, "zone")
        if zone is not None:
            out["tz"] = abbreviated_zones(out["time"], cells[zone], out["tz"]).to_numpy()
        out["description"] = first_nonempty(cells, self.layout.columns["description"]).to_numpy()
        sender = first_nonempty(cells, self.layout.helpers["sender"]).to_numpy()
        receiver = first_nonempty(cells, self.layout.helpers["receiver"]).to_numpy()
        # The account holder is on one side; a negative amount means they paid.
        amount = columns.get("amount")
        paid = cells[amount].str.startswith("-").to_numpy() if amount else False
        out["counterparty_account"] = np.where(paid, receiver, sender)
        reference = self.helper(cells, "refund_of")
        if reference is not None:
            refunds = out["kind"].eq("refund").to_numpy()
            out.loc[refunds, "refund_of"] = cells[reference].to_numpy()[refunds]
        return promote_refunds(out)


IMPORTERS = (PayPalImporter(LAYOUT),)
