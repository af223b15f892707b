"""Month names as plans write them, in English and in the languages plans are written
in: the words each month goes by (:mod:`.written_dates` reads dates with them)."""

from __future__ import annotations

#: month names, accents folded (:func:`.written_dates.fold`); short forms only where no common word
#: of a plan is spelt the same (no ``set``, ``out``, ``ago``, ``gen``, Romanian ``noi``);
#: Finnish ones also as dates and phrases inflect them (``syyskuuta``, ``syyskuussa``);
#: Catalan, Croatian (both cases; its ``listopad``, October, is read as the Polish and
#: Czech November) and Malay (not its ``Mac``, March: a computer in most plans)
MONTH_WORDS: dict[int, str] = {
    1: (
        "january jan januar janner janvier janv enero janeiro gennaio januari ocak "
        "styczen stycznia leden ledna ianuarie ian tammikuu tammikuuta tammikuussa "
        "gener sijecanj sijecnja"
    ),
    2: (
        "february feb februar fevrier fevr fev febrero fevereiro febbraio februari subat "
        "luty lutego unor unora februarie febr helmikuu helmikuuta helmikuussa "
        "febrer veljaca veljace"
    ),
    3: (
        "march mar marz mrz mars marzo marco maart mrt mart marzec marca brezen brezna "
        "maret martie marts marcius maaliskuu maaliskuuta maaliskuussa "
        "marc ozujak ozujka"
    ),
    4: (
        "april apr avril avr abril aprile nisan kwiecien kwietnia duben dubna aprilie "
        "aprilis huhtikuu huhtikuuta huhtikuussa "
        "travanj travnja"
    ),
    5: (
        "may mai mayo maio maggio mei maj mayis maja majus kveten kvetna toukokuu toukokuuta toukokuussa "
        "maig svibanj svibnja"
    ),
    6: (
        "june jun juni juin junio junho giugno haziran czerwiec czerwca cerven cervna "
        "iunie iun junius kesakuu kesakuuta kesakuussa "
        "juny lipanj lipnja"
    ),
    7: (
        "july jul juli juillet juil julio julho luglio temmuz lipiec lipca cervenec "
        "cervence iulie iul julius heinakuu heinakuuta heinakuussa "
        "juliol julai srpanj srpnja"
    ),
    8: (
        "august aug aout agosto augustus augusti agustos agustus sierpien sierpnia srpen "
        "srpna augusztus elokuu elokuuta elokuussa "
        "agost ogos kolovoz kolovoza"
    ),
    9: (
        "september sep sept septembre septiembre setiembre setembro settembre eylul "
        "wrzesien wrzesnia zari septembrie szeptember szept syyskuu syyskuuta syyskuussa "
        "setembre rujan rujna"
    ),
    10: (
        "october oct oktober okt octobre octubre outubro ottobre ekim pazdziernik "
        "pazdziernika rijen rijna octombrie lokakuu lokakuuta lokakuussa"
    ),
    11: (
        "november nov novembre noviembre novembro kasim listopad listopada listopadu "
        "noiembrie marraskuu marraskuuta marraskuussa "
        "studeni studenoga studenog"
    ),
    12: (
        "december dec dezember dez decembre diciembre dezembro dicembre aralik grudzien "
        "grudnia prosinec prosince desember decembrie joulukuu joulukuuta joulukuussa "
        "desembre disember prosinac prosinca"
    ),
}
#: month names in Cyrillic (Ukrainian, Russian) and Greek, as written; folded like
#: the others when the table is made
MORE_MONTH_WORDS: dict[int, str] = {
    1: "\u0441\u0456\u0447\u0435\u043d\u044c \u0441\u0456\u0447\u043d\u044f \u044f\u043d\u0432\u0430\u0440\u044c \u044f\u043d\u0432\u0430\u0440\u044f \u03b9\u03b1\u03bd\u03bf\u03c5\u03ac\u03c1\u03b9\u03bf\u03c2 \u03b9\u03b1\u03bd\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    2: "\u043b\u044e\u0442\u0438\u0439 \u043b\u044e\u0442\u043e\u0433\u043e \u0444\u0435\u0432\u0440\u0430\u043b\u044c \u0444\u0435\u0432\u0440\u0430\u043b\u044f \u03c6\u03b5\u03b2\u03c1\u03bf\u03c5\u03ac\u03c1\u03b9\u03bf\u03c2 \u03c6\u03b5\u03b2\u03c1\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    3: "\u0431\u0435\u0440\u0435\u0437\u0435\u043d\u044c \u0431\u0435\u0440\u0435\u0437\u043d\u044f \u043c\u0430\u0440\u0442 \u043c\u0430\u0440\u0442\u0430 \u03bc\u03ac\u03c1\u03c4\u03b9\u03bf\u03c2 \u03bc\u03b1\u03c1\u03c4\u03af\u03bf\u03c5",
    4: "\u043a\u0432\u0456\u0442\u0435\u043d\u044c \u043a\u0432\u0456\u0442\u043d\u044f \u0430\u043f\u0440\u0435\u043b\u044c \u0430\u043f\u0440\u0435\u043b\u044f \u03b1\u03c0\u03c1\u03af\u03bb\u03b9\u03bf\u03c2 \u03b1\u03c0\u03c1\u03b9\u03bb\u03af\u03bf\u03c5",
    5: "\u0442\u0440\u0430\u0432\u0435\u043d\u044c \u0442\u0440\u0430\u0432\u043d\u044f \u043c\u0430\u0439 \u043c\u0430\u044f \u03bc\u03ac\u03b9\u03bf\u03c2 \u03bc\u03b1\u0390\u03bf\u03c5",
    6: "\u0447\u0435\u0440\u0432\u0435\u043d\u044c \u0447\u0435\u0440\u0432\u043d\u044f \u0438\u044e\u043d\u044c \u0438\u044e\u043d\u044f \u03b9\u03bf\u03cd\u03bd\u03b9\u03bf\u03c2 \u03b9\u03bf\u03c5\u03bd\u03af\u03bf\u03c5",
    7: "\u043b\u0438\u043f\u0435\u043d\u044c \u043b\u0438\u043f\u043d\u044f \u0438\u044e\u043b\u044c \u0438\u044e\u043b\u044f \u03b9\u03bf\u03cd\u03bb\u03b9\u03bf\u03c2 \u03b9\u03bf\u03c5\u03bb\u03af\u03bf\u03c5",
    8: "\u0441\u0435\u0440\u043f\u0435\u043d\u044c \u0441\u0435\u0440\u043f\u043d\u044f \u0430\u0432\u0433\u0443\u0441\u0442 \u0430\u0432\u0433\u0443\u0441\u0442\u0430 \u03b1\u03cd\u03b3\u03bf\u03c5\u03c3\u03c4\u03bf\u03c2 \u03b1\u03c5\u03b3\u03bf\u03cd\u03c3\u03c4\u03bf\u03c5",
    9: "\u0432\u0435\u0440\u0435\u0441\u0435\u043d\u044c \u0432\u0435\u0440\u0435\u0441\u043d\u044f \u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044c \u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044f \u03c3\u03b5\u03c0\u03c4\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03c3\u03b5\u03c0\u03c4\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    10: "\u0436\u043e\u0432\u0442\u0435\u043d\u044c \u0436\u043e\u0432\u0442\u043d\u044f \u043e\u043a\u0442\u044f\u0431\u0440\u044c \u043e\u043a\u0442\u044f\u0431\u0440\u044f \u03bf\u03ba\u03c4\u03ce\u03b2\u03c1\u03b9\u03bf\u03c2 \u03bf\u03ba\u03c4\u03c9\u03b2\u03c1\u03af\u03bf\u03c5",
    11: "\u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434 \u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434\u0430 \u043d\u043e\u044f\u0431\u0440\u044c \u043d\u043e\u044f\u0431\u0440\u044f \u03bd\u03bf\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03bd\u03bf\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    12: "\u0433\u0440\u0443\u0434\u0435\u043d\u044c \u0433\u0440\u0443\u0434\u043d\u044f \u0434\u0435\u043a\u0430\u0431\u0440\u044c \u0434\u0435\u043a\u0430\u0431\u0440\u044f \u03b4\u03b5\u03ba\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03b4\u03b5\u03ba\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
}
#: Thai month names and their abbreviations (``\u0e01.\u0e04.``, the dot after the
#: last letter left to the reading), as written; folded like the others
THAI_MONTH_WORDS: dict[int, str] = {
    1: "\u0e21\u0e01\u0e23\u0e32\u0e04\u0e21 \u0e21.\u0e04",
    2: "\u0e01\u0e38\u0e21\u0e20\u0e32\u0e1e\u0e31\u0e19\u0e18\u0e4c \u0e01.\u0e1e",
    3: "\u0e21\u0e35\u0e19\u0e32\u0e04\u0e21 \u0e21\u0e35.\u0e04",
    4: "\u0e40\u0e21\u0e29\u0e32\u0e22\u0e19 \u0e40\u0e21.\u0e22",
    5: "\u0e1e\u0e24\u0e29\u0e20\u0e32\u0e04\u0e21 \u0e1e.\u0e04",
    6: "\u0e21\u0e34\u0e16\u0e38\u0e19\u0e32\u0e22\u0e19 \u0e21\u0e34.\u0e22",
    7: "\u0e01\u0e23\u0e01\u0e0e\u0e32\u0e04\u0e21 \u0e01.\u0e04",
    8: "\u0e2a\u0e34\u0e07\u0e2b\u0e32\u0e04\u0e21 \u0e2a.\u0e04",
    9: "\u0e01\u0e31\u0e19\u0e22\u0e32\u0e22\u0e19 \u0e01.\u0e22",
    10: "\u0e15\u0e38\u0e25\u0e32\u0e04\u0e21 \u0e15.\u0e04",
    11: "\u0e1e\u0e24\u0e28\u0e08\u0e34\u0e01\u0e32\u0e22\u0e19 \u0e1e.\u0e22",
    12: "\u0e18\u0e31\u0e19\u0e27\u0e32\u0e04\u0e21 \u0e18.\u0e04",
}

#: Hindi month names, as written; folded like the others
HINDI_MONTH_WORDS: dict[int, str] = {
    1: "\u091c\u0928\u0935\u0930\u0940",
    2: "\u092b\u093c\u0930\u0935\u0930\u0940 \u092b\u0930\u0935\u0930\u0940",
    3: "\u092e\u093e\u0930\u094d\u091a",
    4: "\u0905\u092a\u094d\u0930\u0948\u0932",
    5: "\u092e\u0908",
    6: "\u091c\u0942\u0928",
    7: "\u091c\u0941\u0932\u093e\u0908",
    8: "\u0905\u0917\u0938\u094d\u0924",
    9: "\u0938\u093f\u0924\u0902\u092c\u0930 \u0938\u093f\u0924\u092e\u094d\u092c\u0930",
    10: "\u0905\u0915\u094d\u091f\u0942\u092c\u0930",
    11: "\u0928\u0935\u0902\u092c\u0930 \u0928\u0935\u092e\u094d\u092c\u0930",
    12: "\u0926\u093f\u0938\u0902\u092c\u0930 \u0926\u093f\u0938\u092e\u094d\u092c\u0930",
}

#: Hebrew month names, and as dates write them after ``be`` (in): ``1\u201326 bemerts``
HEBREW_MONTH_WORDS: dict[int, str] = {
    1: "\u05d9\u05e0\u05d5\u05d0\u05e8 \u05d1\u05d9\u05e0\u05d5\u05d0\u05e8",
    2: "\u05e4\u05d1\u05e8\u05d5\u05d0\u05e8 \u05d1\u05e4\u05d1\u05e8\u05d5\u05d0\u05e8",
    3: "\u05de\u05e8\u05e5 \u05d1\u05de\u05e8\u05e5",
    4: "\u05d0\u05e4\u05e8\u05d9\u05dc \u05d1\u05d0\u05e4\u05e8\u05d9\u05dc",
    5: "\u05de\u05d0\u05d9 \u05d1\u05de\u05d0\u05d9",
    6: "\u05d9\u05d5\u05e0\u05d9 \u05d1\u05d9\u05d5\u05e0\u05d9",
    7: "\u05d9\u05d5\u05dc\u05d9 \u05d1\u05d9\u05d5\u05dc\u05d9",
    8: "\u05d0\u05d5\u05d2\u05d5\u05e1\u05d8 \u05d1\u05d0\u05d5\u05d2\u05d5\u05e1\u05d8",
    9: "\u05e1\u05e4\u05d8\u05de\u05d1\u05e8 \u05d1\u05e1\u05e4\u05d8\u05de\u05d1\u05e8",
    10: "\u05d0\u05d5\u05e7\u05d8\u05d5\u05d1\u05e8 \u05d1\u05d0\u05d5\u05e7\u05d8\u05d5\u05d1\u05e8",
    11: "\u05e0\u05d5\u05d1\u05de\u05d1\u05e8 \u05d1\u05e0\u05d5\u05d1\u05de\u05d1\u05e8",
    12: "\u05d3\u05e6\u05de\u05d1\u05e8 \u05d1\u05d3\u05e6\u05de\u05d1\u05e8",
}
