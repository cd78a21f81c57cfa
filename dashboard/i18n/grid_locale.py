"""The tables' own words in the reader's language: AG Grid's `localeText` for what our grids
show (the column filter menu, overlays, pagination and screen-reader labels).

AG Grid words its built-in texts through keys ("filterOoo", "noRowsToShow"...), in English
unless the grid's options give a `localeText` dictionary. Only the keys our grids can show are
here; a key left out keeps AG Grid's English.
"""

from __future__ import annotations

from indicators.i18n import current_locale

FRENCH = {
    # Column filter menu: conditions, joins and buttons.
    "filterOoo": "Filtrer…",
    "empty": "Choisir une condition",
    "equals": "Égal à",
    "notEqual": "Différent de",
    "lessThan": "Inférieur à",
    "greaterThan": "Supérieur à",
    "lessThanOrEqual": "Inférieur ou égal à",
    "greaterThanOrEqual": "Supérieur ou égal à",
    "inRange": "Entre",
    "inRangeStart": "De",
    "inRangeEnd": "À",
    "contains": "Contient",
    "notContains": "Ne contient pas",
    "startsWith": "Commence par",
    "endsWith": "Se termine par",
    "blank": "Vide",
    "notBlank": "Non vide",
    "before": "Avant",
    "after": "Après",
    "andCondition": "ET",
    "orCondition": "OU",
    "dateFormatOoo": "aaaa-mm-jj",
    "applyFilter": "Appliquer",
    "resetFilter": "Réinitialiser",
    "clearFilter": "Effacer",
    "cancelFilter": "Annuler",
    "textFilter": "Filtre de texte",
    "numberFilter": "Filtre de nombre",
    "dateFilter": "Filtre de date",
    "setFilter": "Filtre de liste",
    "selectAll": "(Tout sélectionner)",
    "searchOoo": "Rechercher…",
    "blanks": "(Vides)",
    "noMatches": "Aucune correspondance",
    "invalidNumber": "Nombre non valide",
    "invalidDate": "Date non valide",
    # Overlays.
    "loadingOoo": "Chargement…",
    "loadingError": "ERREUR",
    "noRowsToShow": "Aucune ligne à afficher",
    "noMatchingRows": "Aucune ligne ne correspond",
    # Pagination.
    "page": "Page",
    "more": "plus",
    "to": "à",
    "of": "sur",
    "firstPage": "Première page",
    "previousPage": "Page précédente",
    "nextPage": "Page suivante",
    "lastPage": "Dernière page",
    "pageSizeSelectorLabel": "Lignes par page :",
    # Screen-reader labels.
    "ariaChecked": "coché",
    "ariaUnchecked": "non coché",
    "ariaIndeterminate": "indéterminé",
    "ariaColumnFiltered": "Colonne filtrée",
    "ariaFilterColumn": "Appuyez sur CTRL ENTRÉE pour ouvrir le filtre",
    "ariaFilterInput": "Champ de filtre",
    "ariaFilterValue": "Valeur du filtre",
    "ariaFilterFromValue": "Filtrer à partir de la valeur",
    "ariaFilterToValue": "Filtrer jusqu'à la valeur",
    "ariaFilteringOperator": "Opérateur de filtre",
    "ariaFilterMenuOpen": "Ouvrir le menu de filtre",
    "ariaDateFilterInput": "Champ de filtre de date",
    "ariaLabelColumnFilter": "Filtre de colonne",
    "ariaLabelColumnMenu": "Menu de colonne",
    "ariaLabelTooltip": "Info-bulle",
    "ariaMenuColumn": "Appuyez sur ALT BAS pour ouvrir le menu de colonne",
    "ariaSortableColumn": "Appuyez sur ENTRÉE pour trier",
    "ariaPageSizeSelectorLabel": "Lignes par page",
    "ariaSkeletonCellLoading": "Chargement des données de la ligne",
}

GRID_LOCALES = {"fr": FRENCH}


def grid_locale_options(locale: str | None = None) -> dict:
    """Keys to merge into a grid's `dashGridOptions` for the locale (the current one by
    default): {"localeText": {...}} in French, nothing in English."""
    texts = GRID_LOCALES.get(locale or current_locale())
    return {"localeText": texts} if texts else {}


# The grid's numbers, up to four decimals, with the language's separators: d3-format (which
# dash-ag-grid puts in its functions' scope as `d3`), in French through a d3 locale with the
# narrow no-break space Babel writes.
GRID_NUMBER_FORMATS = {
    "en": "d3.format(',.4~f')",
    "fr": ("d3.formatLocale({decimal: ',', thousands: '\\u202f', grouping: [3], "
           "currency: ['', '\\u00a0€']}).format(',.4~f')"),
}


def grid_number_formatter() -> dict:
    """The ag-grid valueFormatter of a number column, in the current locale."""
    number = GRID_NUMBER_FORMATS.get(current_locale(), GRID_NUMBER_FORMATS["en"])
    return {"function": f"params.value == null ? '' : {number}(params.value)"}
