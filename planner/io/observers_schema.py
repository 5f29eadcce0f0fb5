"""The ``observers`` import kind: its columns and the headers that mean them.

Kept apart from ``schema.py`` (which merges it in) so the roster is one small module.
"""

from __future__ import annotations

#: ``"name!"`` = required; ``"name=default"`` = optional (see schema._cols).
OBSERVER_COLUMNS: tuple[str, ...] = (
    "observer_id!",
    "name!",
    "gender!",
    "nationality!",
    "languages=",
    "experience=0",
    "delegation=",
    "arrival=",
    "needs=",
    "not_with=",
    "prefer_with=",
    "base_id=",
    "available=1",
    "phone=",
)

#: Column -> other headers that mean it (English and Russian spreadsheets).
OBSERVER_ALIASES: dict[str, tuple[str, ...]] = {
    "observer_id": (
        "observer",
        "sto_id",
        "id",
        "id наблюдателя",
        "код наблюдателя",
        "номер наблюдателя",
    ),
    "gender": ("sex", "пол"),
    "nationality": ("citizenship", "country", "гражданство", "страна", "национальность"),
    "languages": ("language", "langs", "языки", "язык", "владение языками"),
    "experience": ("missions", "previous_missions", "опыт", "миссий", "число миссий"),
    "delegation": ("делегация", "seconded_by", "направлен"),
    "arrival": ("arrival_date", "arrives", "прибытие", "дата прибытия", "дата приезда"),
    "needs": ("special_needs", "notes", "особые потребности", "примечания"),
    "not_with": ("not with", "avoid", "не с", "не вместе с", "не в паре с"),
    "prefer_with": ("prefer with", "partner", "предпочитает", "в паре с", "желаемый напарник"),
}

#: Values of ``gender``.
GENDER_VALUES: dict[str, str] = {
    "f": "f",
    "m": "m",
    "x": "x",
    "female": "f",
    "male": "m",
    "w": "f",
    "woman": "f",
    "man": "m",
    "ж": "f",
    "м": "m",
    "жен": "f",
    "муж": "m",
    "женский": "f",
    "мужской": "m",
}
