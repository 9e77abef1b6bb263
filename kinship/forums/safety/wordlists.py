"""Word lists: swearing, slurs and mild insults, matched as whole words in any disguise
(l33t, spacing, stretching, stars). Pure Python."""

import re

# Swear words and insults that hold wherever they stand, in any disguise. Stored as written;
# the filter compares words with doubled letters squeezed ("fuuuuck", "stuupid").
SWEARS = frozenset(
    """
    dumbass dumass jackass
    fuck fucks fucked fucker fuckers fucking fuckin fuckoff fuk fuking fukin fuked fck
    fcking fckin fcuk fking fkin fkn fuq fuc fucc phuck phuk fk fek feck effing effin frick
    fricking frigging shit shits shite shitty shitting shithead shithole bullshit sht shyt
    shiz shitt cunt cunts kunt twat twats wanker wankers wank wanking tosser tossers bellend
    bellends knobhead knobheads dickhead dickheads bitch bitches bitchy biatch byatch bich
    btch bastard bastards bollocks bollox arse arsehole arseholes asshole assholes arsed
    piss pissed pissing slag slags slut sluts whore whores skank nonce nonces bugger crap
    crappy damn goddamn wtf omfg ffs stfu bloodclart bumbaclart bumboclaat douche douchebag
    motherfucker mofo dickface sexy boobs dildo minger
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Words whose use about a person is hate about a protected characteristic.
SLURS = frozenset(
    """
    nigger niggers nigga niggas nigg niga paki pakis chink chinks coon coons wog wogs gyppo
    gyppos gypo gippo pikey pikeys pikie spic spics kike kikes yid yids raghead ragheads
    towelhead towelheads golliwog golliwogs gollywog darkie darkies darky sambo jap japs
    chinky fag fags faggot faggots faggit lezza lezzer lesbo lesbos battyboy battyman poof
    poofs poofter poofters tranny trannies shemale retard retards retarded spaz spazz spazzy
    spastic spastics spacker mong mongs mongo mongy downie cripple cripples
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Mild insults that are ordinary words elsewhere: held alone only when disguised.
MILD = frozenset(
    """
    idiot idiots stupid dumb ugly loser losers moron morons freak weirdo fatso dumbo thicko
    numpty muppet plonker prat dweeb div shutup
    """.split()  # noqa: SIM905 - a word list reads best as words
)

_SQUEEZE = re.compile(r"([a-z])\1+")


def squeeze(word: str) -> str:
    return _SQUEEZE.sub(r"\1", word)


SQUEEZED_SWEARS = {squeeze(word): word for word in SWEARS}
SQUEEZED_SLURS = {squeeze(word): word for word in SLURS}
SQUEEZED_MILD = {squeeze(word): word for word in MILD}
# Short words a squeeze or a l33t reading can turn into something else: matched as written.
EXACT_ONLY = frozenset({"fk", "fek", "fuc", "niga", "nigg", "jap", "japs", "wog", "coon"})
