"""Tables for `quantities`: number words, scale words, currencies and units.

Only data lives here; the grammar that uses it is in `quantities.py`.
Every unit maps to one canonical name (singular, British spelling for SI
units: "kilometre", "litre") and a kind ("duration" or "measure").
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Numbers

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Scale words after a number ("1.5 million", "3bn", "10k").
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "K": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "M": 1e6, "MM": 1e6, "bn": 1e9,
    "b": 1e9, "B": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "tr": 1e12,
}
# Vague plural scales: "dozens of" = 12..120, "millions of" = 1e6..1e7 (the
# NewsQuant convention: from one to ten times the base).
VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
FRACTIONS = {
    "half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}

# ---------------------------------------------------------------------------
# Money

# Symbols and codes written before the number, longest first when compiled.
CURRENCY_PREFIXES = {
    "US$": "USD", "US $": "USD", "U.S.$": "USD", "$US": "USD", "USD": "USD", "$": "USD",
    "A$": "AUD", "AU$": "AUD", "$A": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "HK$": "HKD", "HK $": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD",
    "R$": "BRL", "BRL": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "₩": "KRW", "KRW": "KRW",
    "₹": "INR", "INR": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB", "RUB": "RUB",
    "₪": "ILS", "NIS": "ILS", "ILS": "ILS", "CHF": "CHF", "RM": "MYR", "MYR": "MYR",
    "ZAR": "ZAR", "MXN": "MXN", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "TRY": "TRY",
    # Lossy 7-bit news feeds write "£" as "PS" and "¥" as "Y=" (Reuters, Independent).
    "PS": "GBP", "Y=": "JPY",
}
# Codes also written after the number ("110 JPY", "1,200€").
CURRENCY_SUFFIX_CODES = {
    k: v for k, v in CURRENCY_PREFIXES.items()
    if k.isupper() and len(k) == 3 or k in ("€", "£", "¥", "₩", "₹", "₪")
}
# Currency words after the number ("350 billion dollars", "1.5 trillion won").
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "australian dollars": "AUD", "australian dollar": "AUD",
    "canadian dollars": "CAD", "canadian dollar": "CAD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "new zealand dollars": "NZD",
    "taiwan dollars": "TWD", "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "won": "KRW",
    "rupee": "INR", "rupees": "INR", "shekel": "ILS", "shekels": "ILS",
    "danish crowns": "DKK", "danish kroner": "DKK", "swedish crowns": "SEK",
    "swedish kronor": "SEK", "norwegian crowns": "NOK", "norwegian kroner": "NOK",
    "swiss francs": "CHF", "francs": "CHF", "roubles": "RUB", "rubles": "RUB",
    "ringgit": "MYR", "rand": "ZAR", "naira": "NGN", "reais": "BRL", "lira": "TRY",
    "dirhams": "AED", "riyals": "SAR", "pesos": "MXN", "baht": "THB", "rupiah": "IDR",
    "hryvnias": "UAH", "zlotys": "PLN", "zloty": "PLN",
}
# Hundredths of a currency ("19 cents" = 0.19 USD, "68p" = 0.68 GBP).
SUBUNITS = {"cents": "USD", "cent": "USD", "pence": "GBP", "p": "GBP", "sen": "MYR"}

# ---------------------------------------------------------------------------
# Units: surface form -> (canonical name, kind)

_TIME = {
    "year": ("years", "yrs", "yr"), "month": ("months",), "week": ("weeks", "wks"),
    "day": ("days",), "hour": ("hours", "hrs", "hr"), "minute": ("minutes", "mins", "min"),
    "second": ("seconds", "secs", "sec"), "decade": ("decades",),
    "century": ("centuries",), "millennium": ("millennia",), "night": ("nights",),
}

# Written-out units, matched case-insensitively. Plurals are added for each.
_WORD_UNITS = {
    "kilometre": ("kilometer", "kilometres", "kilometers"),
    "metre": ("meter", "metres", "meters"),
    "centimetre": ("centimeter", "centimetres", "centimeters"),
    "millimetre": ("millimeter", "millimetres", "millimeters"),
    "micrometre": ("micrometer", "micrometres", "micrometers", "microns", "micron"),
    "nanometre": ("nanometer", "nanometres", "nanometers"),
    "nautical mile": ("nautical miles",), "mile": ("miles",), "yard": ("yards",),
    "foot": ("feet",), "inch": ("inches",),
    "square kilometre": ("square kilometres", "square kilometers", "square kilometer", "sq km"),
    "square metre": ("square metres", "square meters", "square meter", "sq m", "sqm"),
    "square mile": ("square miles", "sq miles", "sq mi"),
    "square foot": ("square feet", "sq ft", "sq feet"),
    "hectare": ("hectares",), "acre": ("acres",),
    "cubic metre": ("cubic metres", "cubic meters", "cubic meter"),
    "cubic foot": ("cubic feet",),
    "litre": ("liter", "litres", "liters"), "millilitre": ("milliliter", "millilitres", "milliliters"),
    "gallon": ("gallons",), "barrel": ("barrels",),
    "tonne": ("tonnes", "metric tons", "metric ton"), "ton": ("tons",),
    "kilogram": ("kilograms", "kilo", "kilos"), "gram": ("grams",),
    "milligram": ("milligrams",), "ounce": ("ounces",), "pound": ("pounds",),
    "mph": ("miles per hour", "miles an hour", "mile per hour"),
    "km/h": ("kilometres per hour", "kilometers per hour", "kilometres an hour",
             "kilometers an hour"),
    "knot": ("knots",), "mpg": ("miles per gallon",),
    "celsius": ("degrees celsius", "degrees centigrade", "degree celsius", "celsius"),
    "fahrenheit": ("degrees fahrenheit", "degree fahrenheit", "fahrenheit"),
    "degree": ("degrees",),
    "watt": ("watts",), "kilowatt": ("kilowatts",), "megawatt": ("megawatts",),
    "gigawatt": ("gigawatts",), "terawatt": ("terawatts",),
    "kilowatt hour": ("kilowatt hours", "kilowatt-hours", "kilowatt-hour"),
    "megawatt hour": ("megawatt hours", "megawatt-hours", "megawatt-hour"),
    "gigawatt hour": ("gigawatt hours", "gigawatt-hours", "gigawatt-hour"),
    "terawatt hour": ("terawatt hours", "terawatt-hours", "terawatt-hour"),
    "horsepower": ("horse power",), "pound-foot": ("pound-feet", "pound feet"),
    "newton metre": ("newton metres", "newton meters", "newton-metres"),
    "volt": ("volts",), "ampere": ("amperes", "amps", "amp"), "farad": ("farads",),
    "hertz": (), "kilohertz": (), "megahertz": (), "gigahertz": (),
    "decibel": ("decibels",), "gigapascal": ("gigapascals",), "calorie": ("calories",),
    "byte": ("bytes",), "kilobyte": ("kilobytes",), "megabyte": ("megabytes",),
    "gigabyte": ("gigabytes",), "terabyte": ("terabytes",),
    "parts per million": (), "parts per billion": (),
}

# Abbreviations, matched case-sensitively ("MW" is not "mW"), also glued to the
# number ("5kW", "640bhp"). "m" is metre unless a currency makes it million.
_ABBR_UNITS = {
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "μm": "micrometre", "µm": "micrometre", "nm": "nanometre", "mi": "mile",
    "ft": "foot", "yd": "yard", "yds": "yard", "in.": "inch", "″": "inch",
    "km2": "square kilometre", "km²": "square kilometre", "m2": "square metre",
    "m²": "square metre", "sq ft": "square foot", "sq m": "square metre", "ha": "hectare",
    "l": "litre", "L": "litre", "ml": "millilitre", "mL": "millilitre", "bbl": "barrel",
    "t": "tonne", "kg": "kilogram", "kgs": "kilogram", "g": "gram", "mg": "milligram",
    "lb": "pound", "lbs": "pound", "oz": "ounce",
    "mph": "mph", "MPH": "mph", "km/h": "km/h", "kmh": "km/h", "kph": "km/h",
    "km/hr": "km/h", "m/s": "m/s", "kt": "knot", "kts": "knot", "mpg": "mpg",
    "°C": "celsius", "ºC": "celsius", "°F": "fahrenheit", "ºF": "fahrenheit", "°": "degree",
    "C": "celsius", "F": "fahrenheit",
    "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt", "TW": "terawatt",
    "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour",
    "TWh": "terawatt hour", "mAh": "milliampere hour", "hp": "horsepower",
    "bhp": "horsepower", "PS": "horsepower", "Nm": "newton metre", "lb-ft": "pound-foot",
    "V": "volt", "kV": "kilovolt", "A": "ampere", "Hz": "hertz", "HZ": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "rpm": "rpm",
    "dB": "decibel", "GPa": "gigapascal", "psi": "psi", "ppm": "parts per million",
    "ppb": "parts per billion", "kcal": "calorie",
    "KB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
    "Mbps": "megabit per second", "Gbps": "gigabit per second",
    "s": "second", "h": "hour",
}
# Abbreviations that must be glued to the number or follow a degree sign:
# as separate words they are too often something else ("12 C", "Plan B").
GLUED_ONLY = {"C", "F", "A", "V", "W", "L", "l", "t", "g", "s", "h", "m", "in.", "°"}


def word_units() -> dict[str, tuple[str, str]]:
    """Lower-cased written unit -> (canonical, kind)."""
    table: dict[str, tuple[str, str]] = {}
    for canon, forms in _TIME.items():
        for form in (canon, *forms):
            table[form] = (canon, "duration")
    for canon, forms in _WORD_UNITS.items():
        for form in (canon, *forms):
            table[form] = (canon, "measure")
    return table


def abbr_units() -> dict[str, tuple[str, str]]:
    """Case-sensitive abbreviation -> (canonical, kind)."""
    out = {}
    for form, canon in _ABBR_UNITS.items():
        kind = "duration" if canon in ("second", "hour") else "measure"
        out[form] = (canon, kind)
    return out


# Denominators of a rate: "a year", "per barrel", "an ounce".
PER_WORDS = {
    **{form: canon for canon, forms in _TIME.items() for form in (canon, *forms)},
    "share": "share", "barrel": "barrel", "ounce": "ounce", "gallon": "gallon",
    "litre": "litre", "liter": "litre", "tonne": "tonne", "ton": "ton", "kilogram": "kilogram",
    "kilo": "kilogram", "kg": "kilogram", "gram": "gram", "pound": "pound", "head": "person",
    "person": "person", "capita": "person", "passenger": "person", "square foot": "square foot",
    "square metre": "square metre", "square meter": "square metre", "sq ft": "square foot",
    "sq m": "square metre", "mmbtu": "mmBtu", "megawatt hour": "megawatt hour",
    "kilowatt hour": "kilowatt hour", "kwh": "kilowatt hour", "mwh": "megawatt hour",
    "unit": "unit", "ticket": "ticket", "household": "household", "employee": "person",
}
# One-word rate adverbs: "$25 billion annually".
PER_ADVERBS = {
    "annually": "year", "yearly": "year", "a-year": "year", "monthly": "month",
    "weekly": "week", "daily": "day", "hourly": "hour", "nightly": "night",
}
