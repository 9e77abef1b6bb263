"""Curated lexicons and phrase patterns, one list per category of concern. Pure Python.

Each pattern is written in plain spelling over the `decoded` form of a message (lower case,
letters and digits only, one space between words, apostrophes dropped, l33t undone: see
normalise.py), so "I'm gonna", "im gonna" and "1m g0nna" read the same. In a pattern:

- `~` stands for up to three words of any kind, `~~` for up to six, `~~~` for up to ten;
- the shared groups below (`ME`, `HARMER`, ...) name who and what a child writes about.

Patterns say who does what to whom ("he hits me", "bring a knife to school"), not a lone
risky word, so a history topic, a book's plot or "we killed it at netball" does not match;
the innocent set phrases in INNOCENT are removed before any pattern is tried. Every
quantifier is bounded, so each pattern runs in time linear in the message.
"""

GAP = r"(?:[a-z0-9]{1,60} ){0,3}"
GAP6 = r"(?:[a-z0-9]{1,60} ){0,6}"
GAP10 = r"(?:[a-z0-9]{1,60} ){0,10}"

# Who a child is when they write about themselves.
ME = r"(?:i|im|i am|ive|i have|id|i would|ill|i will|i was|i get|i keep|i just|i really)"
SELF = r"(?:myself|my self|meself|mysef|myslef|me self|ourselves|our selves)"
# Who may harm a child at home or near it.
HARMER = (
    r"(?:he|she|they|someone|somebody|a man|a lady|a woman|my dad|dad|daddy|my daddy|my mum"
    r"|mum|mummy|my mummy|my mom|mom|my father|my mother|my step ?dad|step ?dad|my step ?mum"
    r"|step ?mum|my mums boyfriend|mums boyfriend|my mums partner|mums partner|my dads girlfriend"
    r"|dads girlfriend|my uncle|uncle|my auntie|auntie|my aunt|my brother|my big brother"
    r"|my sister|my big sister|my cousin|my big cousin|my older cousin|my older brother|my older sister|my grandad|grandad|my grandpa|my nan|nan|my nanny"
    r"|my grandma|my carer|my foster (?:mum|dad|carer)|my parents|parents|the babysitter"
    r"|my babysitter|my mums friend|my dads friend|him|her|them)"
)
HURT = (
    r"(?:hits?|hitting|hurts?|hurting|hurted|kicks?|kicked|kicking|punch(?:es|ed|ing)?|slaps?"
    r"|slapped|slapping|smacks?|smacked|smacking|whacks?|whacked|beats?|beat|beating|beated"
    r"|chokes?|choked|choking|strangles?|strangled|burns?|burnt|burned|pinch(?:es|ed)?|bites?"
    r"|bit|shoves?|shoved|push(?:es|ed)?|grabs?|grabbed|throttles?|throttled|belts?|belted"
    r"|batters?|battered|thumps?|thumped|drags?|dragged|throws things at|threw things at"
    r"|throws stuff at|threw stuff at|scratches|scratched|bruised)"
)
VICTIM = r"(?:me|us|my|mum|mummy|my mum|my mom|her|my sister|my brother|my little|the dog)"
WEAPON = (
    r"(?:knife|knifes|knives|blade|blades|machete|machetes|zombie knife|flick knife|stanley knife"
    r"|pocket knife|penknife|kitchen knife|gun|guns|pistol|rifle|shotgun|bb gun|air rifle"
    r"|shank|shanks|knuckle duster|knuckledusters?|crowbar|axe|hammer|baseball bat|bat|acid"
    r"|taser|nunchucks|sword|samurai sword|screwdriver|scissors|lighter)"
)
YOU = r"(?:you|u|ya|yu|yo|him|her|them|his|ur|your|youre|everyone|every1|sum1|someone|the teacher)"
MEDIA = (
    r"(?:video|videos|vid|vids|clip|clips|pic|pics|picture|pictures|photo|photos|image|images"
    r"|film|films|movie|movies|game|games|website|websites|site|sites|tiktok|tiktoks|youtube"
    r"|reel|reels|meme|memes|stream|livestream|channel|thing|things|stuff)"
)
# Groups of people with a protected characteristic, as children name them.
GROUP = (
    r"(?:muslims?|jews|jewish people|christians|sikhs|hindus|buddhists|black people|blacks"
    r"|white people|brown people|asians|pakis|pakistanis|indians|africans|chinese people|chinese"
    r"|polish people|polish|romanians|gypsies|travellers|immigrants|foreigners|refugees"
    r"|asylum seekers|gays|gay people|lesbians|trans people|transgender people|trans kids"
    r"|disabled people|disabled kids|autistic people|autistic kids|people in wheelchairs"
    r"|deaf people|blind people|girls|boys|women|men|fat people|ginger people|gingers"
    r"|people with (?:dark|brown|black) skin|people from (?:africa|pakistan|poland|india|china)"
    r"|people who wear (?:hijabs|headscarves|turbans)|people who are gay)"
)
NASTY = (
    r"(?:stupid|dirty|smelly|smell|stink|stinky|disgusting|terrorists|bombers|criminals|thieves"
    r"|animals|rubbish|useless|freaks|evil|gross|horrible|scum|dumb|idiots|vermin|not welcome"
    r"|not normal|wrong|sick|lazy|weird|weirdos|ugly|nasty|aliens|monkeys|inferior|worse|kicked out|thrown out|sent back|deported|banned|locked up|shot|killed"
    r"|should die|should be killed|should go|shouldnt be allowed|dont belong|not allowed"
    r"|go back|get out|leave our country|taking over|ruining|nothing|less)"
)

# Innocent set phrases, removed before the category patterns are tried.
INNOCENT = (
    r"(?:killed|killing|smashed|smashing|nailed|bossed|owned|aced|slayed|rocked) (?:it|that)"
    r"|(?:nearly |almost |literally )?(?:died|dying|die|dead) (?:of |from |with |laughing|laughin)"
    r"(?:laughing|laughter|laffing|embarrassment|boredom|cuteness|the cold|heat|excitement)?"
    r"|(?:dying|die) to (?:see|go|know|try|meet|read|play|find out|hear|watch|get)|to die for"
    r"|(?:beat|beats|beaten|beating) (?:me|us|him|her|them|you) (?:at|in|to|by|on|again at|\d)"
    r"|(?:kill|smash|nail|boss|ace) it|kill time|(?:plastic|pollution|litter|rubbish|poachers|hunters|hunting|climate change"
    r"|global warming|deforestation) (?:is |are )?(?:killing|kills|killed|destroying|hurting)|(?:teacher|teachers|miss|sir|mr [a-z]{1,20}|mrs [a-z]{1,20}|ms [a-z]{1,20}) (?:showed"
    r"|shows|played|read) (?:us|the class|our class)|(?:by|with) (?:a|the) (?:ball|football|netball|rugby ball|tennis ball|racket"
    r"|bat|frisbee|swing|door|shuttlecock|hockey stick)|(?:for|only for|just for) (?:a few|a couple of|one|two|three|five|ten|twenty"
    r"|\d{1,2}) (?:minutes|mins|seconds|secs)|(?:for|on) (?:my|his|her|our) (?:birthday|christmas|eid"
    r"|diwali)|for (?:christmas|eid|diwali|my birthday|being good|helping|tidying|chores|pocket money"
    r"|the tooth fairy)|(?:water|pillow|snowball|food|sword|nerf|foam|paint|play) fights?"
    r"|murder in the dark|murder mystery|cluedo|wink murder|(?:we |i )?(?:learnt|learned|learning|talked|talk|taught|were taught|was taught)"
    r"(?: about)?(?: what to do| how to (?:stay safe|be safe|tell))? (?:if|when)(?: [a-z0-9]{1,60}){0,6}|(?:story|book|play|film|poem|novel|movie|assembly|programme|show|song) (?:was|is|were|are) "
    r"(?:all )?about(?: [a-z0-9]{1,60}){0,6}|bored to death|(?:knife|knives) and forks?|butter knife|ugly ducklings?|ugly sisters?"
    r"|dick whittington|moby dick|dick king smith|knobs? of butter|door ?knobs?|slag heaps?"
    r"|anti ?bullying|bullying week|odd socks day|kindness week|secret santa|secret garden"
    r"|secret seven|secret agents?|secret service|secret recipe|secret ingredient|secret code"
    r"|secret passage|secret door|secret den|secret island|e ?safety|online safety"
    r"|internet safety|safer internet|stay(?:ing)? safe online|have a stab at|photo ?bomb"
    r"|bath bombs?|went down a bomb|shooting stars?|shoot(?:ing)? (?:the ball|hoops|practice)"
    r"|hit the ball|hit the target|(?:swimming|cycling|road|fire|water|sun|bike|first aid"
    r"|stranger danger|food|kitchen|firework|scooter|science) safety"
    r"|(?:never|dont|do not|shouldnt|should not|must not|mustnt|not|no|stop|avoid|without"
    r"|never ever|about)(?: to)? (?:ever )?(?:share|sharing|tell|telling|give|giving|swap"
    r"|swapping|say|saying|post|posting|put|putting)(?: (?:your|ur|anyone|people|strangers))?"
    r"(?: (?:your|ur))? (?:password|passwords|pin|address|number|phone number|full name|school"
    r"|personal information|personal details|details|name|location)"
    r"|(?:good|strong|safe|secure|weak|bad|best) (?:passwords?|pins?)"
    r"|sad when (?:the|a|our) ~ died|pet ~ died|(?:fish|hamster|dog|cat|rabbit|goldfish) died"
    r"|(?:meet|meeting|met) (?:the|an|our) (?:author|authors|illustrator|mayor|team|players?"
    r"|animals?|teachers?|head|school council|council|new|pupils|children|class|firefighters"
    r"|police|vet|nurse|poet|scientist|astronaut|queen|king|manager|coach)"
)


def _patterns(*sources: str) -> tuple[str, ...]:
    return sources


# category -> (kind, patterns). Kinds are the detailed reasons the DSL reads.
RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "self_harm": (
        "self_harm",
        _patterns(
            rf"(?:kill|killing|killed|kil|hurt|hurting|hurted|harm|harming|cut|cutting|cuts"
            rf"|scratch|scratching|starve|starving|punish|punishing|hang|hanging|stab|burn"
            rf"|burning|poison|drown|bite|biting|hit|hitting) {SELF}",
            r"self ?harm(?:ing)?|suicide|suicidal|sucide|suiside|end my life|end it all"
            r"|take my (?:own )?life|overdose|kill me now for real",
            rf"{ME} ~ (?:want|wanna|wants|going|gonna|trying|try|tried|planning|plan|thinking about"
            r"|think about|wish i could|would like) ~ (?:to )?(?:die|be dead|dissapear|disappear|disapear|dissappear"
            r"|vanish|not exist|not be alive|not be here|not be born|end it|sleep forever"
            r"|never wake up|not wake up|jump off|be with (?:grandad|nan|grandma|grandpa) in heaven)",
            rf"{ME} ~ wish ~ (?:i|id|i had) ~ (?:was|were|wasnt|werent|was never|never been|never"
            r"|had never|hadnt|could just) ~ (?:dead|born|here|alive|around|exist|existed|gone"
            r"|been born|disappear|vanish|die)",
            r"(?:wish|wished|want|wanted) (?:i|to) (?:was|were|be) dead|rather be dead"
            r"|better off dead|better off without me|better without me|happier without me"
            r"|(?:nobody|no one|noone|no1|nobdy) (?:would|will|wud|wouldnt|gonna) ~ (?:miss|care"
            r"|notice|cry)(?: ~ (?:me|if i|i was gone|if im gone|when im gone))",
            r"(?:dont|do not|dnt|never) (?:want|wanna) (?:to )?(?:live|be alive|be here anymore"
            r"|be here no more|exist|wake up|be me|be born)",
            r"(?:no|whats the|what is the) point (?:in |of )?(?:living|me|being alive|life|being here"
            r"|anything anymore|going on|trying anymore)",
            rf"{ME} ~ (?:hate|hates|hating) (?:{SELF}|my life|being alive|being me|my body)",
            r"(?:cant|can not|cannot) (?:go on|do this anymore|take it anymore|cope|carry on"
            r"|take any more|do it anymore|keep going)",
            r"(?:i|im) (?:dont|do not|not) deserve (?:to live|to eat|food|to be happy|to be here)"
            r"|(?:i|im) deserve (?:to die|to be hurt|pain|to suffer)",
            r"(?:make|made|making) (?:myself|my self) (?:sick|throw up|bleed|starve)"
            r"|(?:stop|stopped|not) eating ~ (?:fat|punish|deserve|hate myself|thin)",
            r"(?:my|the) (?:arms?|legs?|wrists?|skin) ~ (?:cuts|cut|scars|scarred|bleeding|scratched)"
            r"|cut my (?:arms?|legs?|wrists?|skin|thighs?)|scars on my|hide my (?:cuts|scars)",
            r"(?:disappear|vanish|go away) (?:forever|for ever|and never come back)"
            r"|everyone (?:would|will) be (?:happier|better)|(?:i am|im) a (?:burden|waste of space)"
            r"|(?:nobody|no one|noone) (?:wants|loves|cares about) me",
            r"(?:go to |fall )?(?:sleep|asleep) (?:and|n) (?:never|not|dont|don t) (?:wake|waking) up"
            r"|(?:cuts|scars|cut|marks|scratches|scabs) on my (?:arms?|legs?|wrists?|skin|thighs?"
            r"|body|tummy)|hide (?:my|the) (?:cuts|scars|marks)"
            r"|(?:im|i am|i feel like|feel like|i feel) (?:a|such a|just a) (?:burden|waste of space"
            r"|waste of oxygen|mistake|nothing|failure)",
            r"point ~ (?:anything|living|life|being alive|trying|going on|me being|existing|carrying on)"
            r"|(?:happier|better off|better) ~ (?:if|when|without) (?:i|me) ~ (?:wasnt|was gone|gone|dead"
            r"|died|here|around|exist|existed|born|left|disappeared)",
            r"(?:took|take|taken|swallowed|swallow|taking) (?:loads|lots|all|a lot|too many|a load|a bunch"
            r"|handfuls?|some) ~ (?:tablets|pills|medicine|paracetamol)",
            r"(?:not|isnt|is not|aint|never) worth (?:living|it anymore|being alive|being here)"
            r"|(?:think|thinking|thought|dream|dreaming) about (?:dying|death|being dead|killing myself"
            r"|ending it|not being here|not existing|disappearing forever|suicide)",
            r"(?:end|ending|ended|take|taking) (?:my|my own) life|feel like (?:dying|ending it|giving up on"
            r" life|i should die|disappearing)|(?:i|i just|i should just|i might as well) (?:die|be dead"
            r"|disappear)(?! (?:laughing|of))|(?:wanna|want to|wish i could) be dead",
            r"(?:bang|banging|banged|hit|hitting|punch|punching|smash|smashing) my (?:head|self|fists?)"
            r" (?:on|against|into) (?:the )?(?:wall|walls|floor|door|table)"
            r"|(?:scratching|scratch|scratched|pinching|pinch|biting|bite|burning|burn|burnt|cutting|picking)"
            r" my (?:arms?|legs?|skin|wrists?|thighs?|tummy|self)|pull(?:ing)? my (?:own )?hair out ~ (?:and"
            r"|when|till|until|because|cos|on purpose)",
            r"goodbye (?:letter|note|message)|suicide (?:note|letter)|say goodbye to (?:everyone|every one"
            r"|my family|you all)|(?:want|wish|need) (?:everything|it all|the pain|it|my life) to (?:end"
            r"|stop|be over)",
            r"(?:cant|can not|cannot|dont think i can|not sure i can|i cant) (?:keep going|go on|carry on|cope"
            r"|take it|take this|take any more|do it any more|live like this)"
            r"|(?:stop|stopped) (?:existing|living|being alive|breathing)|wish i could (?:just )?(?:stop|disappear"
            r"|vanish|die|not exist|not wake|sleep forever|go away forever)",
            r"(?:razor|razors|sharpener blade|blades|razor blade) ~~ (?:my room|hide|hidden|i have|ive got|use"
            r"|used|on my|cut|in my)|(?:i have|ive got|i keep|i hide) (?:a |my )?(?:razor|blade|blades)",
            r"(?:tired|sick) of (?:living|life|being alive|being me|everything)|hate being (?:me|alive)"
            r"|(?:dont|do not) (?:want|wanna) to be (?:here|alive|around) (?:anymore|any more|no more)"
            r"|(?:join|be with|see) (?:my )?(?:nan|nana|grandad|grandma|grandpa|granny|mum|dad) in heaven"
            r"|(?:jump|run|walk|step) (?:in front of|into) (?:a|the) (?:car|train|bus|road|traffic|lorry)"
            r"|drink bleach|starving myself|(?:not|stopped) eating (?:anything|at all|for days)"
            r"|make myself (?:sick|throw up)",
            r"(?:make|made|makes) the pain (?:stop|go away)|(?:cutting|cut|hurting myself) (?:helps"
            r"|makes me feel)|(?:i started|i have been|ive been|i keep|by) (?:cutting|harming|hurting"
            r" myself|burning myself|scratching myself)",
            r"(?:no|not any|theres no|there is no|no real) reason (?:to be alive|to live|to be here|for"
            r" me to|to keep going|to carry on|to exist)|(?:want|wanna|need|going|gonna|urge) to (?:cut"
            r"|harm|hurt myself|burn myself) (?:again|myself|tonight|my)",
        ),
    ),
    "abuse": (
        "disclosure",
        _patterns(
            rf"{HARMER} ~~ {HURT} ~ {VICTIM}",
            rf"{HARMER} ~ {HURT} me\b",
            rf"{HARMER} (?:touched|touches|touching|keeps touching|tried to touch|tries to touch) me"
            r"(?! (?:with the ball|on the shoulder|on the arm|in tig|in tag|with his|with her))",
            r"(?:i|we|me) (?:get|got|gets|getting|was|were|am|are|been) (?:hit|smacked|beaten|beat"
            r"|slapped|whacked|belted|kicked|punched|hurt|locked|strangled|choked|burnt|burned"
            r"|shouted at|screamed at) ~ (?:at home|home|by|when|if|every|for|in my room|again"
            r"|with a|cos|because)",
            rf"{HARMER} ~ (?:touch|touches|touched|touching|feels|felt|rubs|rubbed) ~ (?:me|my)"
            r" ~ (?:private|privates|bits|down there|bum|willy|pants|chest|body|where|under|in bed"
            r"|at night|when)",
            r"(?:touch|touches|touched|touching|see|show|showed|shows) (?:my|his|her|me his) ~"
            r" (?:private|privates|private parts|willy|bits|down there)",
            r"(?:made|makes|make|making) me (?:touch|kiss|take off|undress|watch|sleep in|get in)"
            r"|(?:comes?|came|gets?|got) (?:into|in) my (?:bed|room|bath) ~ (?:night|when|and)"
            r"|takes? (?:photos|pictures|pics|videos) of me ~ (?:no|without|naked|in the bath)",
            r"(?:not allowed|never allowed|cant|cannot|must not|mustnt|dont|shouldnt) (?:to )?"
            r"(?:tell|say|talk about) ~ (?:what (?:happens|happened|goes on|he does|she does|they do)"
            r"|about (?:home|my house|him|her|what)|or (?:he|she|they)|or ill get)",
            r"(?:what|wat) (?:happens|happened|goes on) (?:at|in) (?:home|my house|our house|our flat)"
            r" ~ (?:secret|tell|scared|bad)",
            rf"(?:scared|afraid|frightened|scard|terrified|petrified) (?:to go|of going|to be) home"
            rf"|(?:scared|afraid|frightened|terrified) of {HARMER}|not safe (?:at|in my) home"
            r"|(?:dont|do not) feel safe (?:at home|in my house|at my house|with)",
            r"(?:dad|daddy|mum|mummy|he|she|my step ?dad|my mums boyfriend|they) ~ (?:drunk|drinks|beer"
            r"|angry) ~ (?:hit|hits|throw|throws|threw|smash|smashes|smashed|shout|shouts|hurt|hurts"
            r"|scream|screams|break|breaks)",
            r"(?:shouts?|screams?|shouting|screaming|swears?|swearing) at (?:me|us|mum|my mum) ~"
            r" (?:all the time|every day|every night|and hits|and calls|when drunk|scared)",
            rf"{HARMER} ~~ (?:calls|called|call|says|said|tells|told) (?:me|im|i am|that im|that i am)"
            r" ~ (?:worthless|useless|a mistake|stupid|fat|ugly|nothing|a waste|should never"
            r"|wasnt wanted|never wanted|hate|names)",
            rf"{HARMER} ~ (?:wish|wishes|wished) ~ (?:i|id) ~ (?:never|wasnt|werent) ~ (?:born|here)",
            r"(?:police|social worker|the police) (?:came|come|were called|come round|came round)"
            r" ~ (?:again|house|home|fight|fighting|shouting|last night)",
            r"(?:locks?|locked|shuts?|shut) me (?:in|out|outside) ~ (?:room|cupboard|shed|house|garden"
            r"|bathroom|night|cold|all)",
            r"(?:bruises?|bruised|black eye|marks|burns) ~ (?:from|cos|because|where) ~ (?:dad|mum"
            r"|step ?dad|boyfriend|uncle|dads|mums)"
            r"|(?:gave|gives|give) me (?:a )?(?:bruise|bruises|black eye|fat lip)",
            r"(?:hit|hits|beat|beats|hurt|hurts) (?:me|us) with (?:a |his |her |the )?(?:belt|stick"
            r"|shoe|slipper|spoon|cable|wire|hand)",
            r"(?:mum|mummy|my mum) ~ (?:cries|crying|cried|hides|hiding) ~ (?:dad|he|him|boyfriend)"
            r" ~ (?:hit|hits|hurt|hurts|shout|shouts|angry)",
            r"(?:rough|violent|horrible|nasty) (?:with|to) (?:me|us|mum|my mum)|(?:leaves|left|leave|leaving"
            r"|leaving) (?:marks|bruises|a mark|a bruise|red marks) (?:on me|on my|on us)?",
            r"(?:keep|keeping|kept|have to keep|made to keep) ~ (?:secrets?|it secret|it a secret|it quiet)"
            r" about (?:what|him|her|home|my|our|it)|secrets? about what (?:he|she|they|my)",
            r"(?:my|our) (?:dad|mum|step ?dad|step ?mum|mums boyfriend|dads girlfriend|uncle|auntie|carer"
            r"|foster carer|grandad|nan|parents|brother|sister) ~~ (?:says|said|tells me|told me|calls me"
            r"|called me|shouts|screams) ~ (?:useless|worthless|a mistake|a waste|stupid|ugly|fat|thick"
            r"|pathetic|nothing|hates me|hate me|should never|wasnt wanted|rubbish|a burden)",
            r"(?:sleeps|sleep|slept|gets|got|comes|came|climbs) (?:in|into) (?:my|me) bed|special game"
            r"|our (?:little )?game ~ (?:tell|secret)|(?:round|around|on|grabbed|squeezed) (?:my|mums|mummys"
            r"|her|his|my mums) (?:neck|throat)",
            rf"{HARMER} ~ (?:touch|touches|touched|touching|cuddles|kisses) me ~~ (?:funny|weird|wrong"
            r"|uncomfortable|scared|bad|dont like|secret|tell|private|hurts)",
            r"(?:if|when) i (?:tell|told|say) ~~ (?:send me away|put me in care|kill|hurt|get hurt|in"
            r" trouble|go to prison|take me away|hit me|beat me|leave|never see)"
            r"|(?:hits|hit|hitting|beat|beats|smacks|smacked|whacks|whacked) (?:me|us) with (?:the|a|his"
            r"|her)? ?(?:hairbrush|hair brush|wooden spoon|slipper|belt|stick|shoe|cable|wire|remote|lead)",
            r"(?:bruises|bruise|marks|cuts|burns|black eye) (?:on|all over) my ~ (?:from|cos|because|after"
            r"|where) ~ (?:dad|mum|step ?dad|step ?mum|boyfriend|uncle|he|she|they|him|her)",
            r"(?:dont|do not|never) (?:want|wanna) (?:to )?go (?:back )?home|(?:scared|afraid|frightened"
            r"|worried|terrified) (?:to go|of going|about going) (?:back )?home|what happens (?:at home|there"
            r"|in my house|in our house|when mum|when dad)",
            r"\b(?:rape|raped|raping|molest|molested|molesting|sexually|abused|abuses|abusing|abuse me|abuse"
            r" us)\b|(?:sex|sexual) (?:with|to|on) me|(?:pants|trousers|clothes) (?:down|off) ~~ (?:he|she"
            r"|uncle|dad|man|they|made me|makes me|photo|touch)",
            rf"(?:scared|frightened|afraid|terrified) ~ (?:when|if|of when|because) ~ {HARMER} ~"
            r" (?:comes home|gets home|gets back|is home|drinks|is drunk|is angry|gets angry|comes in"
            r"|wakes up)",
            r"(?:took|takes|taking|take) (?:photos|pictures|pics|videos) of me ~~ (?:bath|shower|bed"
            r"|naked|no clothes|changing|undressed|pants)|(?:hand|hands) over my (?:mouth|face)"
            r"|couldnt (?:breathe|scream|get away|escape)|(?:pinned|held) me down",
            r"(?:wont|doesnt|dont|never|not) let (?:me|us) (?:eat|have food|have dinner|have tea|sleep"
            r"|go to the toilet|wash|see my|talk to|leave my room) ~~ (?:punishment|punish|because|cos"
            r"|when|if|as)|(?:comes|came|walks|walked|come) (?:in|into) (?:the )?(?:bathroom|bedroom"
            r"|my room|toilet) (?:when|while) (?:im|i am|i m|i was) (?:in the shower|in the bath"
            r"|getting changed|changing|naked|on the toilet|asleep)",
            r"(?:punches|hits|kicks|smashes|throws|punched|hit|kicked|smashed|threw) ~ (?:walls?|doors?"
            r"|things|stuff|plates|the tv) ~ (?:and then|then|and) (?:me|us|mum|my mum)",
            r"(?:shouting|screaming|smashing|fighting|banging) ~ (?:at home|in my house|in our house"
            r"|downstairs) ~ (?:every night|all the time|every day|and i hide|scared|cry|i hide)"
            r"|(?:not allowed|never allowed|dont get|cant have|wont give me|not given) (?:any )?(?:food"
            r"|dinner|tea|breakfast|to eat|a drink|water) (?:if|when|unless|as|because|cos)",
            r"(?:has|got|had|with|covered in) bruises ~~ (?:dad|daddy|mum|boyfriend|step ?dad"
            r"|uncle)|(?:walked into a door|fell down the stairs) ~~ (?:but|really|actually"
            r"|it was|lie|lying)|(?:get|got|gets|getting) the (?:belt|slipper|stick|wooden spoon|cane)"
            r"|(?:goes|went|gets|going) (?:crazy|mad|nuts|psycho|wild) ~~ (?:hits|hit|hurts|smashes"
            r"|throws|punches|kicks|grabs)",
        ),
    ),
    "neglect": (
        "neglect",
        _patterns(
            r"(?:no|never any|never no|not any|nothing|hardly any|aint no|isnt any|wasnt any)"
            r" (?:food|tea|dinner|breakfast|lunch|supper|milk|bread) ~ (?:at home|in (?:the|our|my)"
            r" (?:house|flat|cupboards|fridge)|again|for days|yesterday|last night|this morning"
            r"|today|since)",
            r"(?:never|no|isnt|is not|nothing|not) (?:any |enough )?(?:food|to eat|anything to eat)"
            r" (?:in|at) (?:our|my|the) (?:house|flat|home|cupboard|cupboards|fridge)",
            r"nothing to eat|(?:havent|have not|didnt|did not|not) (?:had|have|eaten|eat) ~"
            r" (?:tea|dinner|breakfast|anything|food|since) ~ (?:again|since|days|yesterday|night"
            r"|morning|home)|(?:had|have|got|get) no (?:tea|dinner|breakfast|food|lunch)"
            r"|(?:always|so|really|very) hungry ~ (?:home|all the time|every|night|morning)",
            r"(?:nobody|no one|noone|mum|dad|they|my mum|my dad) ~ (?:doesnt|dont|never|wont|does not)"
            r" ~ (?:feed|feeds|cook|cooks|make|makes|give|gives) ~ (?:me|us|tea|dinner|food"
            r"|breakfast)",
            r"(?:no|not got|havent got|dont have|isnt any|turned off|cut off|ran out of|run out of)"
            r" (?:any )?(?:heating|electric|electricity|hot water|gas|lights|power|bed|blankets"
            r"|duvet|beds)(?: ~ (?:home|house|flat|again|weeks|days|night|cold))?",
            r"(?:freezing|so cold|really cold|very cold) ~ (?:at home|in (?:our|my|the) (?:house"
            r"|flat|bedroom|room)) ~ (?:no|never|all)",
            r"(?:left|leave|leaves|leaving|stay|stayed|stays|am|be|was) (?:home )?(?:alone|on my own"
            r"|by myself|on our own|by ourselves|home alone) ~ (?:night|nights|all day|all night"
            r"|every|weekend|days|again|till late|until late|when mum|when dad|while)",
            r"home alone (?:all|every|at night|again|lots|till|until|a lot)"
            r"|(?:mum|dad|they|my mum|my dad|parents) ~ (?:go|goes|went|going|stay|stays|stayed)"
            r" out (?:all night|at night|every night|till late|until late|and leave|and leaves"
            r"|and left|for days)",
            r"(?:look|looks|looking|looked) after my (?:little |baby |younger |big )?(?:brothers?"
            r"|sisters?|siblings|baby brother|baby sister) ~ (?:on my own|all night|by myself"
            r"|every night|cos mum|because mum|when mum|till|until|all the time|alone)",
            r"(?:havent|have not|hasnt|not|never|didnt|dont|no) ~ (?:had|have|get|got|been) (?:a )?"
            r"(?:bath|shower|wash|washed|clean clothes|new clothes) ~ (?:for|in|since|weeks|days"
            r"|ages|a week|long time)",
            r"(?:same|dirty|smelly|old) (?:clothes|uniform|socks|pants|jumper) ~ (?:every day|all week"
            r"|for a week|for days|for weeks|again|cos|because|no one)"
            r"|(?:no|not got|havent got|dont have) (?:a )?(?:coat|shoes|clean clothes|clean uniform"
            r"|school shoes|toothbrush|soap) ~ (?:cold|winter|home|mum|dad|cant|again|weeks)",
            r"(?:not|never|wont|didnt|doesnt|havent|has not|hasnt) (?:be )?(?:taken|take|took|takes"
            r"|been) ~ (?:to )?(?:the )?(?:doctor|doctors|dentist|hospital|gp)"
            r"|(?:tooth|teeth|ear|tummy|chest) (?:hurts?|aches?|ache|pain) ~ (?:weeks|months|ages"
            r"|nobody|no one|mum wont|dad wont)",
            r"(?:mum|dad|my mum|my dad|parents|they) ~ (?:always|all day|too|every day|never) ~"
            r" (?:drunk|asleep|sleeping|in bed|on drugs|high|passed out)"
            r"|(?:nobody|no one|noone) (?:looks after|cares for|picks me up|collects me|came home"
            r"|comes home|came to get me)",
            r"(?:mum|dad|mummy|daddy|parents|they|my mum|my dad|my parents|mam) (?:isnt|arent|wasnt|werent"
            r"|is never|are never|never|not) (?:there|home|around|awake|up) ~ (?:i have|i look"
            r"|i get|i make|i cook|morning|night|school)|(?:have to|got to|gotta) (?:get|make|cook|feed"
            r"|wash|dress) (?:myself|my own|my baby|my little|my brother|my sister|us|dinner|tea|breakfast)"
            r" ~~ (?:cos|because|since|as|school|mum|dad|nobody|no one)",
            r"(?:no|not enough|dont have|havent got|aint got) (?:any )?money for (?:food|new shoes|shoes"
            r"|clothes|uniform|heating|tea|dinner|the electric|electric|gas|school shoes|a coat|lunch)"
            r"|(?:cant|can not|cannot|couldnt) (?:pay|afford) (?:for )?(?:the )?(?:heating|electric|gas"
            r"|food|rent|bills|tea|dinner|shoes|uniform)|holes in (?:my|his|her|our) (?:shoes|clothes"
            r"|coat|trousers|socks|uniform)|(?:shoes|clothes|coat|trousers|socks|uniform|trainers) (?:have|has"
            r"|got|with|are full of) holes|no money for (?:new|any|more) (?:ones|food|clothes|shoes)",
            r"(?:no one|nobody|noone|mum never|dad never|never) (?:washes|washed|cleans|irons|brushes|does"
            r"|combs) (?:my|our) (?:clothes|uniform|hair|teeth|washing)",
            r"(?:on my own|on our own|by myself|by ourselves|home alone|alone) (?:all|the whole|for the"
            r" whole|every|overnight|over night|all through the) (?:weekend|day|night|holiday|holidays"
            r"|week|evening|nights|weekends)",
            r"(?:nobody|no one|noone) (?:takes|took|will take|would take) (?:me|us) to (?:the )?(?:doctor"
            r"|doctors|dentist|hospital|gp|opticians)|(?:hurting|hurt|hurts|ached|aching|sore|pain|bad)"
            r" for (?:ages|weeks|months|a long time)",
            r"(?:starving|hungry) (?:every|all|each) (?:morning|day|night|the time|weekend)|nothing (?:in"
            r" the|in our|in my) (?:cupboards?|fridge|house|kitchen)",
            r"(?:forgets|forgot|forget|never remembers|doesnt|dont|never) (?:to )?(?:pick|picks|collect"
            r"|collects|come for|comes for|feed|feeds|give|gives) (?:me|us) (?:up|from|food|tea|dinner"
            r"|breakfast|lunch)?",
            r"(?:mum|dad|mummy|daddy|parents|my mum|my dad|mam|my step ?dad) ~ (?:passed out|drunk|wasted"
            r"|high|stoned|off (?:her|his) face|on drugs|smoking weed|hungover)",
            r"only (?:get|have|eat|had|got) (?:food|a meal|dinner|a proper meal|hot food|breakfast|lunch"
            r"|something to eat|proper food) (?:at|in) school",
            r"(?:dont|do not|havent|never|cant|aint) (?:have|got|get|afford) (?:a |any )?(?:washing machine"
            r"|bed|beds|heating|hot water|clean clothes|toothbrush|toothpaste|soap|food in)",
            r"(?:uniform|clothes|jumper|shirt|pants|socks) (?:stinks|smells|is dirty|are dirty|is smelly"
            r"|are smelly|is always dirty|never gets washed|not washed)",
            r"(?:leaves|left|leave|leaving) (?:me|us|me and my [a-z]{2,20}) ~ (?:alone|on my own|on our own"
            r"|by myself|by ourselves|home|in the house|at home|in the car|in the flat) ~ (?:when|while"
            r"|and|till|until|all)",
            r"(?:get|make|cook|find|sort) (?:my|our) own (?:tea|dinner|breakfast|food|lunch|meals)"
            r"|mould|moldy|mouldy|damp (?:walls|everywhere|in my room)|rats in (?:our|my|the) (?:house|flat)",
            r"(?:nobody|no one|noone) (?:helps|gets|wakes|looks after|feeds|washes|cooks for|checks on"
            r"|makes sure) (?:me|us)",
            r"(?:mum|dad|mummy|daddy|parents|they|mam|my mum|my dad|my parents) (?:hasnt|havent|has not"
            r"|have not|not|never) (?:been|come|came) (?:home|back) (?:since|for|in|all)",
            r"(?:havent got|dont have|not got|aint got|without|no) (?:a |any )?(?:coat|jumper|shoes|socks"
            r"|gloves|warm clothes|school shoes) ~~ (?:cold|freezing|rain|winter|wet|walk|snow)",
            r"(?:never|dont|do not|havent|never been|not been|cant) (?:go|been|gone|get) to (?:the )?"
            r"(?:dentist|doctor|doctors|gp|optician|opticians)",
            r"(?:havent|have not|not|never|dont) (?:been )?(?:washed|clean) ~~ (?:smell|smelly|stink|dirty"
            r"|weeks|days|ages)|(?:smell|smelly|stink|stinks) ~ (?:cos|because|coz|as) ~ (?:not washed"
            r"|never washed|no washing|dirty|no bath|no shower)",
            r"(?:hungry|starving) ~~ (?:no food|never|nothing|didnt eat|havent eaten|every day|all the time"
            r"|at home|at night|no tea|no dinner|no breakfast)|(?:empty|no food in the) (?:fridge|cupboards?)",
            r"(?:have to|had to|got to) (?:stay|look after|mind|babysit|care for|take care of) ~ (?:brother"
            r"|sister|baby|siblings|mum|dad|brothers|sisters) ~~ (?:night|all day|alone|on my own|school"
            r"|cant come|instead|late|every)",
            r"(?:have to|got to|gotta|always|every day|every morning) ~ (?:sort|get|do|feed|dress|wash)"
            r" (?:ourselves|myself|our selves|my self)|(?:fridge|cupboards?) (?:is|are|was|were)"
            r" (?:empty|bare)|(?:only |just )?(?:had|have|get|got) (?:crisps|biscuits|sweets|cereal"
            r"|dry bread|nothing|a packet of crisps) for (?:tea|dinner|supper)",
            r"(?:clothes|shoes|uniform|coat|trainers|school shoes) (?:are|is) (?:too small|too tight"
            r"|ripped|broken|falling apart) ~~ (?:nobody|no one|mum wont|dad wont|cant afford|no money"
            r"|never|for ages)|(?:stay|stayed|staying|kept|keep|miss|missed) (?:off|home from|off of)"
            r" school to (?:look after|care for|help|mind)|(?:no|dont have|havent got|havent had)"
            r" (?:any )?(?:hot water|heating|electric|electricity|gas)",
            r"(?:no1|no one|nobody|noone) ~ (?:feeds|feed|fed|cooks|cook|looks after|cares|fixes|cleans"
            r"|helps|washes|notices|checks)|(?:i|we) (?:do|make|cook|wash|clean) everything (?:myself"
            r"|ourselves|on my own|by myself)",
            r"(?:mice|rats|cockroaches|bed bugs|bedbugs|fleas|maggots) ~~ (?:house|home|flat|room|bed"
            r"|everywhere|kitchen)|rubbish everywhere|(?:dog|dogs) (?:poo|mess) everywhere|(?:house"
            r"|home|flat) (?:stinks|smells|is filthy)",
            r"(?:always|so|really) (?:cold|freezing) (?:at home|in (?:my|our|the) (?:house|flat|bedroom"
            r"|room))|heating (?:is |s )?(?:broke|broken|off|not working) ~~ (?:nobody|no one|cold"
            r"|freezing|weeks|months|ages)|(?:mum|dad|mam) drinks (?:every|all|too much|loads|a lot)"
            r"|(?:forgets|forgot|forget) about (?:us|me)",
            r"(?:go|come|get|going|coming) to school (?:hungry|starving|without (?:breakfast|food|eating"
            r"|a coat))|(?:sleep|sleeping|slept) in my (?:coat|clothes|uniform|jumper) (?:cos|because"
            r"|as|since) ~ (?:cold|freezing|no)",
            r"(?:left|leave|stayed|were|was|been) (?:at home|home|alone|on our own|on my own|by"
            r" ourselves|by myself) (?:for )?(?:\d{1,2}|two|three|four|five|a few|several) (?:days"
            r"|nights|weeks)",
            r"(?:go|went|going|goes) to (?:bed|sleep) hungry|(?:hasnt|havent|doesnt have|dont have|no|not"
            r" got|havent got|hasnt got|run out of|ran out of) (?:got )?(?:any )?(?:nappies|nappy|milk"
            r"|formula|baby food)",
            r"(?:nobody|no one|noone|mum|dad) (?:has |have |hasnt |havent )?(?:washed|cleaned|ironed)"
            r" (?:my|our) ~ (?:since|for|in)|(?:sleeps|sleeping|asleep|lies|lying|stays) (?:on the sofa"
            r"|in bed|in her room|in his room) (?:all day|every day|all the time)",
            r"(?:on my own|on our own|by myself|by ourselves|alone) ~ (?:in the dark|at night|late at"
            r" night)|(?:mum|dad|mummy|daddy|nobody|no one|parents) (?:wasnt|isnt|is not|was not"
            r"|werent|arent) (?:home|there|in|around|up) ~ (?:all night|again|for days|so we had to|so i"
            r" had to|and we were alone|and i was alone|so i was alone|so we were alone)",
        ),
    ),
    "grooming": (
        "secrecy",
        _patterns(
            r"(?:dont|do not|never|dnt|dont you|dont u|better not|must not|mustnt|shouldnt|not to"
            r"|told me not to|said not to|not allowed to|cant|cannot)"
            r" (?:tell|say|show|mention|let) (?:my mum|my dad|my parents|ur|your|yer|anyone|anybody|nobody|no one|noone"
            r"|any1|the teacher|teachers|a teacher|mum|dad|parents|yo|ya)(?! (?:idea|ideas))",
            r"(?:our|a|my) (?:little |special |big )?secret|keep ~"
            r" (?:secret|between|quiet|private|to yourself|to urself)"
            r"|between (?:you and me|u and me|us two|me and you)|just (?:between|us two)",
            r"(?:delete|deleting|clear|wipe|hide) ~ (?:messages|message|chat|chats|texts|pics"
            r"|photos|conversation|history) ~ (?:so|before|dont|nobody|no one|parents|mum|teacher)?",
            r"(?:meet|meat|see|link|hang out|meet up|meetup|come) ~ (?:just (?:you and me|u and me"
            r"|us|the two of us|me and you)|on (?:your|ur) own|by (?:yourself|urself)|alone"
            r"|without (?:your|ur|telling)|dont bring|no parents|no adults)",
            r"(?:just|only) (?:you and me|u and me|me and you|the two of us|us two)",
            r"meet me|meet up|meetup|(?:can|could|shall|should|lets|let us|wanna|want to|want 2"
            r"|we can|we could|u can|you can) (?:meet|meat|link|link up|hang out) ~ (?:after school"
            r"|at the|in the|behind|outside|tomorrow|tonight|saturday|sunday|weekend|park|shops"
            r"|shop|mine|yours|my house|your house|later|somewhere|near)",
            r"(?:come|coming|come round|come over|come to|go to) (?:my|mine|my house|my flat|my car"
            r"|my van|my place)(?! (?:party|birthday))|get in (?:my|the) (?:car|van)"
            r"|(?:pick|picking) (?:you|u) up|(?:ill|i will|i can|i could) (?:come and )?(?:get|pick"
            r" up|collect|meet) (?:you|u)",
            r"(?:what|wat|wot|which) (?:time|way|day|road|bus) ~ (?:do|does|did) (?:your|ur|you|u|yor)"
            r" ~ (?:finish|finishes|end|ends|get out|gets out|leave|go home|walk home|get home"
            r"|come out|walk|go)",
            r"(?:when|wen|where|what time) (?:do|does|d|r|are) (?:you|u|your|ur) ~ (?:finish|walk home"
            r"|get home|go home|leave school|get out|walk to school|go to school|on your own|alone"
            r"|by yourself|play out|go out)",
            r"(?:are|r|will) (?:you|u) (?:be )?(?:home )?(?:alone|on your own|on ur own|by yourself"
            r"|by urself)|(?:is|are|r) (?:your|ur) (?:mum|dad|parents|mom) (?:home|in|out|at work"
            r"|around|there|away)|when (?:are|r|is) (?:your|ur) (?:parents|mum|dad) (?:out|away"
            r"|at work|not home)",
            r"(?:do|d) (?:you|u) (?:walk|go|get) (?:home|to school) (?:on your own|alone|by yourself"
            r"|on ur own|by urself)",
            r"(?:ill|i will|i can|i could|i would|id|i wanna|i want to) ~ (?:buy|get|give|send|gift)"
            r" (?:you|u) ~ (?:present|presents|gift|phone|robux|vbucks|v bucks|money|sweets|skins"
            r"|credit|anything|stuff|things|a new|an iphone|ipad|game|games)(?: ~ (?:if|for|but))?",
            r"(?:send|sent|show|snap) (?:me|us) ~ (?:pic|pics|picture|pictures|photo|photos|selfie"
            r"|selfies|video|vid|of you|of urself|of yourself)"
            r"|(?:what|wat|wot) (?:are|r) (?:you|u) wearing|(?:how old|wat age|what age) (?:are|r)"
            r" (?:you|u)|\basl\b",
            r"(?:talk|chat|message|msg|speak|dm|pm) ~ (?:in )?(?:private|privately|somewhere else"
            r"|on (?:snap|snapchat|whatsapp|insta|instagram|discord|kik|tiktok|telegram|facetime))"
            r"|private (?:chat|message|messages|call)|(?:dm|pm|inbox|direct message) me",
            r"(?:you are|youre|ur|u r|you re) ~ (?:mature|grown up|special|pretty|beautiful|sexy|hot"
            r"|fit|cute|gorgeous) (?:for (?:your|ur) age|for a|than other)"
            r"|(?:older|grown up|adult) (?:boy|man|friend|guy|girl|boyfriend|person) ~ (?:online"
            r"|game|wants|said|asked|message|messaged|text|texts|snap|add)",
            r"(?:nobody|no one|noone) (?:understands|gets|loves) (?:you|u) like (?:i|me) do"
            r"|(?:only|just) i (?:understand|care about|get) (?:you|u)"
            r"|(?:your|ur) parents (?:wouldnt|wont|dont) understand",
            r"(?:not like|different from|different to|more grown up than|more mature than) (?:the )?other"
            r" (?:kids|girls|boys|children|people your age)",
            r"(?:do|does|will|would) (?:your|ur) (?:parents|mum|dad|mom|mam|family) (?:check|look at|read|see"
            r"|know|go through|look through) ~ (?:phone|messages|ipad|tablet|chats|texts|about|you talk)",
            r"(?:send|snap|show|sent) ~ (?:selfie|selfies|pic of (?:you|u|urself|yourself)|picture of"
            r" (?:you|u|urself|yourself)|photo of (?:you|u|urself|yourself)|what (?:you|u) look like"
            r"|pics of (?:you|u))",
            r"(?:im|i am|i m) (?:1[3-9]|2\d|3\d|4\d|an adult|a grown up|older than you|older) ~~ (?:like"
            r" you|like u|video call|snap|private|secret|meet|chat|talk|facetime|love|cute|pretty|friends)",
            r"(?:when|if|while|tell me when|let me know when) (?:ur|you are|youre|u are|you re|u r|your)"
            r" (?:on your own|on ur own|alone|by yourself|by urself|home alone|in bed|in the bath|in your"
            r" room|in ur room)",
            r"(?:somewhere|place|where|places) (?:nobody|no one|noone) (?:can|will|could|would) (?:see|find"
            r"|hear|know)|go somewhere (?:quiet|private|secret)",
            r"(?:a|this|some|an|the) (?:man|guy|boy|lady|woman|girl|person|stranger|adult|teenager|older"
            r" boy|older girl|old man) (?:on|from|off|in) (?:a |the |my )?(?:game|games|roblox|fortnite"
            r"|minecraft|xbox|ps4|ps5|tiktok|snapchat|snap|insta|instagram|discord|youtube|internet"
            r"|online|app|whatsapp|chat|among us) ~ (?:said|says|asked|asks|wants|wanted|keeps|sent|sends"
            r"|told|gave|gives|offered|messaged|messages|added|adds|likes|called)",
            r"(?:keeps|keep|kept|keeps on) (?:messaging|texting|asking|adding|calling|following|snapping"
            r"|sending) (?:me|us) ~~ (?:where|live|address|photos|pics|pictures|meet|old|school|alone"
            r"|secret|private|man|adult|stranger|wearing|bed)",
            r"(?:asking|asked|asks|wants to know|wanted to know|want to know) (?:me )?(?:where i live|my"
            r" address|what school i go to|where i go to school|what time i|when i|if im alone|if i am"
            r" alone|how old i am|what i look like|for my number|for pics|for photos|for a picture|for my (?:snapchat"
            r"|snap|insta|instagram|address|phone|number|email|discord|tiktok|roblox|username|location)"
            r"|for a photo|what im wearing)",
            r"(?:u|you) can trust me|trust me (?:im|i am|i m) not|(?:im|i am) (?:his|her|your|ur) (?:secret"
            r"|special) (?:girlfriend|boyfriend|friend)|(?:his|her) (?:girlfriend|boyfriend) ~~ (?:not to"
            r" tell|dont tell|secret|older|grown up|years old)",
            r"(?:met|meet|talking to|talk to|chat to|chatting to|friends with|talk with|talking with) (?:someone"
            r"|somebody|a man|a boy|a guy|a girl|a lady|a woman|a person|a stranger|people|an adult|a"
            r" teenager) (?:online|on (?:a |the )?(?:game|roblox|fortnite|minecraft|tiktok|snap|snapchat"
            r"|discord|insta|instagram|xbox|ps4|ps5|whatsapp|internet|app))|(?:someone|somebody|a man|a guy"
            r"|a person) (?:i|ive) (?:met|talk to|chat to|play with) (?:online|on)",
            r"(?:wants|want|asked|asks|told|invited|invites) (?:me )?(?:to )?(?:come|go|visit|meet|stay) ~"
            r" (?:his|her|their) (?:house|flat|place|car|van|hotel|room)",
            r"(?:man|stranger|lady|woman|someone|somebody|guy|men) ~ (?:in|from) (?:a|his|her|the) (?:car"
            r"|van) ~~ (?:asked|offered|said|wanted|tried|followed|called|shouted|get in)|(?:offered|asked"
            r"|wanted|want|tried to give) ~ (?:sweets|a lift|a ride|a puppy|puppies|kittens)",
            r"(?:turn|put) (?:ur|your|on your|on ur) (?:camera|cam|webcam) on|go on (?:cam|camera)|video"
            r" chat|show me (?:ur|your) (?:body|room|bedroom|bed)|(?:send|give|share) (?:me )?(?:ur|your)"
            r" (?:location|live location)|snap map|turn on (?:ur|your) location",
        ),
    ),
    "exploitation": (
        "exploitation",
        _patterns(
            r"(?:pay|paid|pays|give|gave|gives|giving|offer|offered) (?:me|you|u|us|him|her) ~"
            r" (?:to|for|if) ~ (?:drop|carry|take|deliver|hold|bring|hide|keep|sell|move|run|do"
            r" (?:a )?(?:job|jobs|favour|favours))",
            r"(?:pay|paid|pays|give|gave|gives|offer|offered) (?:me|you|u|us) ~ (?:money|cash|quid"
            r"|pounds|a tenner|tenner|twenty|fifty|hundred|\d{1,4}) ~ (?:to|for|if)",
            r"(?:drop|dropping|dropped|drop off|carry|carrying|carried|hold|holding|hide|hiding|keep"
            r"|keeping|deliver|delivering|take|taking|move|moving) ~ (?:a|the|this|his|their|some"
            r"|these)? ?(?:bag|bags|parcel|parcels|package|packages|packet|box|stuff|things|phone"
            r"|phones|envelope) ~ (?:for (?:him|them|her|a man|some|an older|the older|older|big"
            r"|the big|the year \d{1,2}|year \d{1,2}|the teenage|teenage|the lads|these lads)"
            r"|off|to a|to someone|to an|round|across|after school|and|so|or)",
            r"county lines?|trap house|drug (?:dealer|dealers|dealing|runner)|(?:selling|sell|sold"
            r"|sells|deliver|delivering|carry|carrying|run|running) (?:drugs|weed|cannabis|coke"
            r"|pills|vapes|stuff for|things for|packages for)",
            r"(?:deliver|delivering|drop off|dropping off|drop|hide|hiding|hold|holding) ~~ (?:quid"
            r"|pounds|pound|cash|money|a tenner|tenner|twenty|fifty|hundred|paid|pay me|pays me)",
            r"(?:a|the|their|his|im a|i am a|be a|as a) (?:runner|runners|shotter|lookout|look out"
            r"|drug runner|mule) (?:for|at|after)",
            r"(?:i|we|you|u) (?:owe|owes|owed) (?:him|them|her|a|an|some|the|money|loads|a lot|big)"
            r"|(?:says|said|say|told me) (?:i|we) (?:owe|have to pay)|pay (?:him|them|her) back"
            r"|(?:in|got into|got in) (?:debt|trouble with (?:older|big|some))",
            r"(?:make|makes|made|making|forced|force|forces|told|tell|tells) (?:me|us) (?:to )?"
            r"(?:do|sell|carry|deliver|steal|nick|shoplift|rob|take|hide|hold|run|go to) ~ (?:for"
            r" (?:him|them|her)|or|things|stuff|bags|drugs|shop|shops|money)",
            r"(?:steal|stealing|nick|nicking|shoplift|shoplifting|rob|robbing) ~ for (?:him|them|her"
            r"|older|the older|big|a man|some)",
            r"(?:older|big|bigger|year 9|year 10|year 11|teenage|grown up) (?:lad|lads|boy|boys|kid"
            r"|kids|man|men|guy|guys|girl|girls|teens|teenagers) ~~ (?:pay|paid|pays|gave me|gives me"
            r"|give me|buy me|bought me|made me|makes me|want me|wants me|asked me to|told me to"
            r"|owe|money|cash|bag|parcel|package|job|jobs|vape|vapes|weed|trainers|a phone)",
            r"(?:gave|gives|give|bought|buys|buy) (?:me|us) ~ (?:vape|vapes|weed|trainers|phone"
            r"|money|cash|sweets|drink|alcohol|cigarettes|fags|designer) ~ (?:now|and now|so now|in"
            r" return|have to|owe|has to|got to|gotta|if|for)",
            r"(?:send|sent|sending|share|shared) (?:me )?(?:nudes|naked|nude|rude (?:pics|pictures|photos"
            r"|videos))|(?:asked|asks|ask|want|wants|wanted) (?:me|you|u) (?:for|to send) ~ (?:nudes"
            r"|naked|rude|pics|photos|pictures)",
            r"(?:work|working|do jobs|run errands|running errands) for (?:him|them|some|older|a man"
            r"|these|the big|the older)|(?:go|went|going|sent) to (?:another|a different|other)"
            r" (?:town|city|area) ~ (?:for (?:him|them)|bag|parcel|stay|days)",
            r"(?:make|earn|get|got|getting|making|earning) ~ (?:money|cash|quid|pounds|\d{1,4}|paid) ~~"
            r" (?:if|for|by|to) ~ (?:take|taking|carry|carrying|deliver|delivering|drop|dropping|hold"
            r"|holding|keep|keeping|hide|hiding|sell|selling|move|moving|run|running|look out|watch)"
            r"|(?:earn|earning|make|making) ~ (?:delivering|dropping|carrying|running|selling) (?:for|stuff"
            r"|things|bags|parcels|packages)",
            r"(?:get|got|getting|be|been) paid (?:if|to|for) ~ (?:keep|hide|hold|take|carry|deliver|stand"
            r"|watch|look out|drop|sell|move|store)|(?:paid|pay|pays) (?:me|us|you|u)? ?to (?:stand|watch"
            r"|look out|keep watch|hold|keep|carry|store|hide)",
            r"(?:have to|got to|gotta|made me|make me|makes me|forced|they take me|they took me|they want"
            r" me to) ~~ (?:another|a different|other) (?:city|town|place|area|county)",
            r"(?:hide|hold|carry|keep|sell|deliver|take|move|stash|bag up|weigh) ~ (?:drugs|weed|cannabis"
            r"|coke|cocaine|crack|ket|spice|skunk|pills|wraps|the food)|(?:drugs|weed|cannabis|coke|cocaine"
            r"|crack|ket|spice|skunk) ~ (?:in my bag|for (?:him|them|her)|to (?:people|someone)|in my"
            r" room|at my house)",
            r"(?:watch|look|keep a look) out for (?:the )?(?:police|feds|coppers|fed|five o|5 0|cops)"
            r"|(?:stand|wait|standing|waiting) on the corner",
            r"(?:given|gave me|got|get) (?:a |an )?(?:phone|burner|new phone) ~~ (?:answer|they ring|he rings"
            r"|for them|for him|have to|whenever|work)|(?:have to|got to|gotta|must) (?:answer|pick up)"
            r" (?:it|the phone) (?:whenever|when|every time)|(?:i|we) work for (?:them|him) now",
            r"(?:put|hide|keep|carry|take|hold) (?:the|a|this|their|his|her) (?:bag|package|parcel|box"
            r"|phone|packet) ~~ (?:not look|dont look|not open|dont open|school bag|in my bag|or else"
            r"|or they|or he)|(?:dont|not|never) (?:look|open|peek) (?:inside|in it|in the bag|in the box)",
            r"(?:have to|had to|told me to|make me|makes me|made me) ~~ (?:or|otherwise) (?:they|he|she)"
            r" ~ (?:beat|hurt|kill|batter|get|stab|jump|shank) (?:me|my)",
            r"(?:keep|store|hide|stash) (?:their|his|her|the) (?:stuff|things|bags?|package|packages|phone"
            r"|money|parcel) (?:at|in) (?:mine|my house|my room|my flat|my bag)|\b(?:the olders|olders"
            r"|mandem|going country|go country|trap line|shotting|county)\b",
            r"(?:im|i am|i get|i was|we are|were|we get) (?:made|forced|told|paid) to (?:sell|carry"
            r"|deliver|hold|hide|steal|run|take|keep|do)|one of them now|(?:have to|got to|must) do"
            r" (?:what|whatever) (?:they|he|she) (?:say|says|tell|tells)",
            r"(?:gives|gave|give) me (?:free )?(?:food|sweets|chips|takeaway|money|vapes|cigarettes"
            r"|fags|drinks|phone credit) ~~ (?:asked|wants|told|now|deliver|do|carry|owe|take|have to)",
            r"(?:pay|paid|pays|give|money|robux|vbucks|gift card) ~ (?:for|4) (?:photos|pics|pictures"
            r"|videos|vids|selfies|nudes)",
            r"(?:want|wants|asked|made|make|makes) (?:me|us) (?:to be|be) (?:a|their|his|her)"
            r" (?:runner|lookout|look out|mule|dealer|worker)",
            r"(?:if i|if you|if u) (?:sell|carry|deliver|hold|hide|take|drop|move|keep) (?:this|these|his"
            r"|their|the|some|her) (?:stuff|things|bag|bags|packages?|parcels?|phones?|vapes?|weed|drugs)"
            r" ~~ (?:give me"
            r"|pay me|get|half|money|cash|quid|pounds)",
        ),
    ),
    "violence": (
        "threat",
        _patterns(
            rf"(?:bring|bringing|brought|brung|carry|carrying|carried|got|have|has|hav|had|hide"
            rf"|hiding|hidden|pull|pulled|pulling|take|taking|took|keep|keeps|keeping|found|showed"
            rf"|show|shows|holding) ~ {WEAPON} ~ (?:to school|in school|into school|school|bag"
            r"|pocket|coat|blazer|on him|on her|on me|tomorrow|at break|on you|at me|at him|at her"
            r"|at us|and|to the park|outside|gonna|going to|use it|if)",
            r"(?:bring|bringing|brought|brung|carry|carrying|carries|pull|pulled|pulls|pulling"
            r"|get|getting) ~ (?:knife|knives|blade|machete|zombie knife|flick knife|gun|guns"
            r"|pistol|shank|knuckle duster|acid|taser)",
            rf"{WEAPON} (?:to|in|into) school|(?:stab|stabs|stabbed|stabbing|shank|shanked|shanking"
            rf"|shoot|shooting|shot|slash|slashed|acid) ~ {YOU}"
            rf"|(?:stab|stabs|stabbed|stabbing|shanked|shanking)(?! (?:wound|vest))",
            rf"(?:ill|i will|i wil|im gonna|im going to|i am going to|gonna|going to|i want to|wanna"
            rf"|i will|i could|imma|ima|i swear ill|im coming to|we will|were gonna|well|we are going"
            rf"|to) ~ (?:kill|murder|stab|shoot|punch|smash|batter|beat|hurt|kick|slap|deck|jump"
            rf"|bang|bash|break|strangle|choke|burn|knock|end|merk|shank|get) ~ {YOU}",
            r"(?:smash|kick|punch|bash|cave|knock) (?:your|ur|his|her|their|yer) (?:face|head|teeth"
            r"|brains|heads|faces) (?:in|off|out)|(?:break|snap) (?:your|ur|his|her) (?:legs?|arms?"
            r"|neck|nose|fingers|face)",
            r"(?:you are|youre|ur|u r|you re|hes|shes|he is|she is|your) ~ (?:dead|dead meat"
            r"|gonna die|going to die|getting it|gonna get it|going to get it|so dead)\b"
            r"|(?:watch|wait) (?:your|ur|yer) back|i know where (?:you|u|he|she) (?:live|lives)",
            r"(?:fight|scrap|rumble|beef|fite) ~ (?:after school|at home time|at break|at lunch|at"
            r" (?:the )?park|behind|outside|tomorrow|friday|monday|on the field|bring)"
            r"|(?:gonna|going to) be a (?:fight|scrap)|(?:jump|jumped|jumping) (?:him|her|them|you|u)"
            r" ~ (?:after|at|when|outside|behind)",
            r"(?:blow up|bomb|burn down|set fire to|shoot up) (?:the|your|ur|our|his|her|this) ~"
            r" (?:school|house|class|classroom|home|car)",
            r"(?:kill|murder|hurt|stab|shoot) (?:everyone|every one|all of you|every1|the whole class"
            r"|all the teachers|the teachers|the teacher)",
            r"(?:ill|i will|im gonna|im going to|i am going to|gonna|going to|wanna|i want to|imma|ima"
            r"|i swear ill|were gonna|we are going to) ~ (?:punch|stab|kill|murder|batter|strangle"
            r"|choke|slap|deck|attack|bash|hurt|smash|beat up|knock out|shank|merk) (?!(?:it|this"
            r"|time|the ball|the game|the quiz|the test|the record|myself|my self|my|a goal|them at"
            r"|that (?:test|quiz|game|song|level|round|record|exam|race|match|dance|spider|fly|wasp))"
            r"(?![a-z]))[a-z]{2,20}",
            r"(?:set fire to|burn down|set alight|torch|set on fire) (?:their|his|her|your|ur|the|our|my"
            r"|this|that)? ?(?:house|home|school|car|flat|shed|classroom|hair|dog|cat)",
            r"(?:knife|knives|blade|gun|machete|weapon|shank) (?:in|inside) (?:his|her|my|their|the|a)"
            r" (?:bag|pocket|coat|blazer|locker|tray|sock|room|backpack)",
            r"(?:make|gonna make|going to make|ill make) (?:you|u|him|her|them|ya) (?:bleed|pay|suffer"
            r"|regret it|sorry)",
            r"(?:hit|hurt|smash|bash|whack|batter|kill|beat) (?:you|u|him|her|them|ya) with (?:a|my|the|his|her)"
            r" ~ (?:brick|bat|stick|knife|rock|stone|chair|hammer|bottle|pole|belt|fist|fists)",
            r"(?:ill|i will|im gonna|i am going to|gonna|going to|i want to|wanna|i swear ill|imma) (?:hit"
            r"|kick|slap|push|trip|bite|spit on|throw|punch|headbutt|bang) (?:you|u|him|her|them|ya)\b"
            r"|bring (?:ur|your) (?:mates|boys|friends|crew|gang|brother)|(?:got|have|bring|bringing|carry"
            r"|carrying) (?:a )?weapons?",
            r"(?:beat|batter|smash|jump|kill|stab|hurt|get) (?:me|us) (?:up )?(?:after school|tomorrow"
            r"|at break|at lunch|at home time|outside|at the park|on the way home)",
            r"(?:says|saying|said|keeps saying|threatens|told me) (?:she|he|they) ?(?:ll|will|is going"
            r" to|are going to|re going to|d|would|is gonna|are gonna)? (?:kill|stab|hurt|shoot|beat"
            r"|batter|get|jump|smash|punch) (?:me|us)",
        ),
    ),
    "harmful_content": (
        "harmful_content",
        _patterns(
            rf"{MEDIA} ~~ (?:someone|somebody|people|a man|a woman|a person|a girl|a boy|a dog|a cat"
            r"|animals?|kids?) ~ (?:getting|being|get|gets|got|was|were) ~ (?:killed|hurt|stabbed|shot"
            r"|beaten|beat up|murdered|tortured|beheaded|hanged|hung|run over|eaten|attacked|cut"
            r"|burned|burnt|drowned|die|dying|dead)",
            rf"(?:showed|show|shows|shown|sent|send|sends|watched|watch|watching|saw|seen|see|found"
            rf"|looked at|look at|played|play|playing) ~~ (?:gore|gory|blood|bloody|naked|nude|nudes"
            r"|porn|porno|rude|sex|sexy|beheading|murder|murders|dead body|dead bodies|dead people"
            r"|suicide|self harm|disgusting|violent|18|18 rated|adult|dirty"
            r"|x rated|graphic|torture|killing|killings|people dying|someone dying)"
            rf"(?: ~ {MEDIA})?",
            rf"(?:rude|naked|nude|dirty|sexy|sex|porn|18|18 rated|adult|x rated|violent|gory|gore"
            rf"|disturbing|disgusting|nasty|inappropriate) ~ {MEDIA}"
            r" ~ (?:showed|sent|shows|sends|watched|saw|seen|made me|scared|nightmares|cant sleep"
            r"|couldnt sleep|older|brother|cousin|on|phone|tablet|ipad|online|at night)"
            rf"|(?:horror|scary|creepy|gory) ~ {MEDIA} ~~~ (?:nightmares|bad dreams|cant sleep|couldnt"
            r" sleep|scared all the time|still scared|made me|makes me|older|18)",
            r"porn|porno|pornhub|onlyfans|xxx|(?:sex|sexy) (?:video|videos|vids|pics|films|stuff)"
            r"|dark web|liveleak|nudes",
            r"(?:choking|blackout|black out|pass out|passout|fainting|tide pod|skull ?breaker|benadryl"
            r"|nyquil|fire|salt and ice|cinnamon|deodorant|momo|blue whale|galindo|hanging|knock out"
            r"|chroming|hot water|milk crate|kia|one chip|superglue|super glue|tripping jump"
            r"|penny|outlet|silhouette|scarf|bird box|eyeball|nutmeg|dry scoop|cha cha slide)"
            r" challenge",
            r"(?:hold|holding) (?:your|ur|my) breath (?:until|till|til) (?:you|u|i) (?:pass out|faint"
            r"|black out)|(?:sniff|sniffing|huff|huffing|chroming) (?:deodorant|glue|gas|aerosol)",
            r"(?:nightmares|cant sleep|couldnt sleep|scared to sleep|keeps me awake) ~~ (?:video|film"
            r"|game|watched|saw|seen|showed|clip|tiktok|youtube|movie)"
            r"|(?:video|film|game|clip|tiktok|youtube|movie) ~~ (?:nightmares|cant sleep|couldnt"
            r" sleep|scared to sleep)",
            rf"{MEDIA} ~~ (?:killing|hurting|cutting|hanging|shooting|stabbing|beating|dying|being killed"
            r"|getting killed|dead people|dead bodies|dead body|dead person|no clothes|nothing on"
            r"|private parts|privates|naked|nude|blood|gore|beheading|torture|suicide|self harming"
            r"|self harm|hanging themselves|killing themselves|hurting themselves)",
            r"(?:killing|hurting|cutting|hanging|shooting|stabbing|dying|dead people|dead bodies|naked"
            rf"|nude|no clothes|gore|beheading|torture|suicide|self harming) ~~ {MEDIA}",
            r"(?:cant|can not|cannot|couldnt|can t) (?:sleep|stop thinking about it|get it out of my head"
            r"|stop seeing it|unsee it|forget it) ~~~ (?:saw|seen|watched|video|vid|posted|showed|sent"
            r"|picture|pic|clip|image|film|game|online|tiktok|youtube)|(?:saw|seen|watched|video|vid"
            r"|posted|showed|sent|picture|pic|clip|image|film|game|online|tiktok|youtube) ~~~ (?:cant|can"
            r" not|cannot|couldnt|can t) (?:sleep|stop thinking about it|get it out of my head|stop"
            r" seeing it|unsee it)",
            r"(?:game|challenge|dare|app|video|tiktok|level|task|trend) ~~ (?:cut|hurt|burn|choke|starve"
            r"|strangle|harm|kill) (?:yourself|urself|your self|themselves|ourselves)",
            r"(?:video|vid|clip|pic|picture|photo|film|website|site) (?:of|where|showing|with) (?:a |an"
            r" |some )?(?:person|people|someone|man|woman|boy|girl|kid|child|animal|dog|cat) ~"
            r" (?:jumping off|falling off|hanging|dying|drowning|bleeding|screaming|hurt|killed|naked"
            r"|being hurt|getting hurt)",
            r"(?:website|site|video|app|page|account|game) ~~ (?:tells|shows|teaches|told|showed)"
            r" (?:you|u|people|kids) (?:how to )?(?:hurt|kill|cut|starve|make bombs|make a bomb|die)",
            r"(?:naked|nude|rude|porn|sexy) ~~ (?:tablet|phone|ipad|laptop|computer|screen|game|app"
            r"|website|tv|telly|xbox)",
            r"(?:videos|video|tiktoks|posts|content|accounts|websites|sites|pictures) (?:about|on"
            r"|showing|of) (?:how to )?(?:stop eating|not eating|starve|lose weight fast|self harm"
            r"|cutting|suicide|hurt yourself|hurting yourself)|pro ana|thinspo|thinspiration"
            r"|(?:nightmares|bad dreams) ~~ (?:watch|watched|video|film|showed|game)",
            r"(?:video|vid|clip|pic|picture|photo|footage) of (?:a )?(?:real )?(?:murder|killing"
            r"|stabbing|shooting|suicide|beheading|dead (?:body|person|people)|someone dying"
            r"|people dying)",
        ),
    ),
    "bullying": (
        "bullying",
        _patterns(
            r"(?:nobody|no one|noone|no1|none of them|nobody in (?:my|our) class|they|everyone"
            r"|people|the girls|the boys|the others) ~ (?:will|wants to|would|wont|dont|doesnt|never"
            r"|wanna|want to|lets|let) ~ (?:play|sit|talk|be friends|hang out|let (?:me|him|her)"
            r" play|let (?:me|him|her) join|pick me|partner|share|walk)(?: ~ (?:with|to|me|him|her))",
            r"(?:wont|dont|never|doesnt|wouldnt) let (?:me|him|her|them) (?:play|join|sit|in|be)",
            r"(?:call|calls|called|calling|keep calling|keeps calling) (?:me|him|her|them|my|us) ~"
            r" (?:names|fat|ugly|smelly|stupid|a loser|loser|weird|weirdo|freak|fatty|gay|thick"
            r"|dumb|a baby|baby|poor|a tramp|tramp|horrible|nasty|specky|four eyes|rude|pig|cow"
            r"|every day|all the time)",
            r"(?:pick|picks|picking|picked|pik|piks) on (?:me|him|her|them|us|my|kids|people)",
            r"(?:everyone|they|people|the class|kids|the boys|the girls|he|she) ~ (?:laugh|laughs"
            r"|laughing|laughed|laff|laffs|stare|stares|staring|point|points) at (?:me|him|her|my|us)",
            r"(?:im|i am|i get|i got|i was|im being|i am being|being|getting|got|gets|get|hes being"
            r"|shes being|he is being|she is being) (?:bullied|bulled|bullyed|picked on|left out"
            r"|ignored|excluded|teased|tormented|pushed around)",
            r"(?:bully|bullys|bullies|bullying|bulling|bullied|bulled) (?:me|him|her|us|them|my)",
            r"(?:nobody|no one|noone|no1|nobdy) (?:likes|like|wants|cares about|loves|is friends with)"
            r" (?:you|u|ya|him|her|them|me)|everyone (?:hates|hate|is against) (?:me|you|u|him|her)",
            r"(?:you|u|he|she|they|ur|your|youre|youre not|ur not|hes|shes) ~ (?:not|aint|isnt"
            r"|arent) (?:invited|allowed|welcome|our friend|my friend|in our group|in our gang"
            r"|coming|part of)",
            r"(?:dont|do not|never|nobody) (?:play|talk|sit|hang out|be friends) (?:with|to|next to)"
            r" (?:him|her|them|that|those)",
            r"(?:leave|leaves|left|leaving|kick|kicked|kicking|kicks|keep|keeps|kept) (?:me|him|her"
            r"|us) out|(?:kicked|removed|blocked|left) (?:me|him|her) (?:out of|from|off) (?:the"
            r" |our )?(?:group|chat|game|team)",
            r"(?:spread|spreading|spreads|made up|making up|tell|telling|told) (?:rumours|lies"
            r"|stories|rumors) about|(?:made|make|makes|making) fun of|take the mick"
            r"|(?:make|makes|made|making) (?:a|the) (?:group|chat|groupchat|group chat|page|account)"
            r" (?:about|to|without|against)",
            r"(?:posted|post|put|shared|share|sent|send) ~ (?:pic|picture|photo|video|vid) of"
            r" (?:me|him|her) ~ (?:without|laugh|everyone|group|online|to)",
            r"(?:laugh|laughed|laughing|laughs|tease|teased|teasing|make fun) ~ (?:my|his|her)"
            r" (?:clothes|hair|shoes|accent|lunch|skin|weight|glasses|teeth|name|mum|family|house"
            r"|voice|body|size|colour|stammer|hearing aid|wheelchair)",
            r"(?:take|takes|took|taking|steal|steals|stole|stealing|rip|ripped|rips|break|broke"
            r"|breaks|ruin|ruined|hide|hid|hides|throw|threw|throws) (?:my|his|her) ~ (?:bag|lunch"
            r"|money|pencil case|things|stuff|book|books|coat|shoes|hat|drawing|work|kit|pe kit|water"
            r"|bottle|phone|gloves|glasses|homework|lunchbox|lunch box|trainers|scarf) ~ (?:every"
            r"|again|all the time|laugh|on purpose|everyday|and)",
            r"(?:they|he|she|everyone|people|kids|the boys|the girls|year \d) ~ (?:push|pushes"
            r"|pushed|trip|trips|tripped|hit|hits|punch|punched|punches|kick|kicks|kicked|spit"
            r"|spits|spat|pinch|pinches|pull|pulls|pulled) (?:me|him|her|my)(?: ~ (?:every|again"
            r"|all the time|on purpose|playground|break|lunch|everyday|for no reason|and))",
            r"kill (?:yourself|urself|ya self|yaself|your self|ur self)|\bkys\b|go die|hope (?:you|u)"
            r" die|drop dead|(?:you|u) should die|neck (?:yourself|urself)",
            r"(?:everyone|everybody|we all) (?:would|will|wud) be (?:happier|better) without"
            r" (?:you|u|him|her)|(?:nobody|no one) (?:wants|would want) (?:you|u|him|her) here",
            r"(?:scared|afraid|frightened|dont want) (?:to go|of going|coming) (?:to )?(?:school"
            r"|out at break|to lunch|out to play|the playground)"
            r"|(?:cry|cried|crying) (?:every day|everyday|at break|every night) ~ (?:because|cos"
            r"|coz|they|school)",
            r"(?:no friends|got no friends|have no friends|dont have any friends|dont have friends"
            r"|no one to play with|nobody to play with|play on my own every|alone every (?:day"
            r"|break|lunch))",
            r"(?:keeps|keep|always|kept|every day|everyday|constantly) ~ (?:push|pushing|pushes|trip|tripping"
            r"|trips|hit|hitting|hits|kick|kicking|kicks|punch|punching|pinch|pinching|spit|spitting|poke"
            r"|poking|shove|shoving|pull|pulling|throw|throwing|tease|teasing|hurting|hurt|annoying"
            r"|following|scaring|threatening) (?:me|my|him|her|us)",
            r"(?:trip|trips|tripped|tripping|push|pushes|pushed|pushing|shove|shoves|shoved) (?:me|him|her"
            r"|us) (?:up|over|down|into|off|onto|in)",
            r"(?:nobody|no one|noone|never|nobody ever|no one ever) ~ (?:picks|chooses|choose|pick|wants"
            r"|invites|invite|asks|ask|saves) (?:me|him|her)(?! (?:up|to (?:help|read)))",
            r"(?:cant|can not|cannot|not allowed to|wont let me|dont let me|never let me) (?:be in|join"
            r"|play in|sit with|sit at|come to|be part of|play with|hang out with) ~ (?:group|gang|team"
            r"|table|game|club|party|them|friends)",
            r"because (?:im|i am|hes|shes|he is|she is) (?:poor|fat|black|brown|gay|different|weird"
            r"|disabled|new|ugly|small|short|tall|a girl|a boy|autistic|dyslexic|foreign|ginger|adopted"
            r"|in care)",
            r"(?:mean|nasty|horrible|hurtful|rude|unkind|threatening|cruel) (?:messages|comments|texts"
            r"|notes|posts|voice notes|things about me|things to me|stuff about me|names|pictures of me)",
            r"(?:copy|copies|copying|mock|mocks|mocking|imitate|imitates|imitating) (?:me|the way i|my|how"
            r" i|him|her|his|the way he|the way she)",
            r"(?:dont|do not|never) (?:want|wanna) (?:to )?(?:come|go) (?:to|into|back to) school"
            r"|because of (?:them|him|her|the (?:boys|girls|kids|year \d{1,2}s?|older kids))"
            r" ~ (?:cry|sad|scared|school|upset|alone|hide)",
            r"(?:ignore|ignores|ignoring|ignored|exclude|excludes|excluded|excluding) (?:me|him|her|us)"
            r"|(?:make|makes|made|turn|turned|turns|get|got|gets) (?:everyone|everybody|the class|people"
            r"|them|all my friends) (?:to )?(?:hate|against|not like|stop talking to|ignore) (?:me|him|her)",
            r"(?:runs|run|ran|running|walks|walk|walked|moves|moved|move|run off) away from (?:me|him|her)"
            r"|(?:hold|holds|held|holding) (?:their|his|her) nose",
            r"(?:said|say|says|saying|tell|tells|told|telling|call|calls|called|calling) ~ (?:i|im|me|hes"
            r"|shes|he|she|my) ~ (?:smell|smelly|stink|stinks|ugly|fat|stupid|weird|disgusting|dirty|gross"
            r"|poor|a baby|thick|dumb|a freak|a loser|nobody|a tramp)(?! (?:nice|good|lovely|amazing"
            r"|great|of))|called (?:me )?names|call (?:me|him|her) names",
            r"(?:put|puts|post|posts|posted|posting|said|saying|write|wrote|writing|spread|spreading|share"
            r"|shared) (?:bad|mean|nasty|horrible|rude|lies|rumours|stuff|things|pictures|photos|videos"
            r"|embarrassing) ~ (?:about|of) (?:me|him|her) (?:on|in|to|online|around|everywhere)",
            r"(?:they|everyone|he|she|people|the class|all of them) ~ (?:hate|hates) me|(?:makes|made|make)"
            r" me (?:cry|feel bad|feel sad|feel stupid|feel ugly|feel left out|feel horrible|feel like"
            r" nothing)|(?:threaten|threatens|threatened|threatening) (?:me|him|her|to)",
            r"(?:calls|called|call|calling) (?:me|him|her) (?:a |an )?[a-z]{3,20} (?:in front of"
            r"|infront of|every|all the time|and laugh|and everyone)|(?:flick|flicks|flicked|poke"
            r"|pokes|slap|slaps|pinch|pinches|kick|kicks|punch|punches|trip|trips|push|pushes|hit"
            r"|hits) (?:me|my) ~~ (?:in front of|every|laugh|and calls|all the time|on purpose)",
            r"(?:take|takes|took|taking|steal|steals|stole) ~ (?:my|his|her) (?:lunch money|money"
            r"|dinner money|phone|stuff|things|snack|lunch) ~ (?:off|from) (?:me|him|her)"
            r"|(?:told|tells|telling) (?:everyone|people|the class|them|others) (?:not to|to not|to"
            r" stop) (?:talk|play|sit|be friends|hang)",
            r"voted me|(?:the )?(?:ugliest|smelliest|fattest|stupidest|weirdest|dumbest|worst) ~ (?:in"
            r" the class|in class|in the school|in our class|person|kid|girl|boy)",
            r"(?:throw|throws|threw|throwing|flick|flicks|flicked) (?:stuff|things|paper|rubbers|food"
            r"|pencils|stones|rocks) at (?:me|him|her)|(?:no one|nobody|noone) ~ (?:wants|want) to be"
            r" (?:my|his|her) (?:partner|friend|buddy)|(?:chase|chases|chased|chasing|follow|follows"
            r"|followed|following) (?:me|him|her) (?:home|to school|every day|everywhere|round|around)",
            r"(?:put|posted|shared|sent) my (?:photo|picture|pic|video|face) (?:in|on|to) ~~ (?:wrote"
            r"|laugh|loser|ugly|fat|mean|horrible|edited|everyone|comments)",
        ),
    ),
    "hate": (
        "hate",
        _patterns(
            r"go (?:back|home) to (?:your|ur|yer|their|his|her) (?:own )?(?:country|countries"
            r"|land|place)|(?:go|get) back to where (?:you|u|they|he|she) (?:came|come) from"
            r"|(?:go|get) out of (?:my|our|this) country",
            r"(?:thats|that is|its|it is|this is|so|you are|youre|ur|u r|you re|your|hes|shes|he is"
            r"|she is|ur so|you so|dont be|stop being|such a) (?:so |such |well |proper )?(?:gay"
            r"|gey|ghey|lesbo|lezza|lezzer|homo|tranny|retarded|retard|retrded|spastic|spaz"
            r"|spacker|special needs|sped|autistic|autist|mong|mongy|mongo|downie)",
            rf"{GROUP} ~ (?:are|r|is|be|all|always|just|should|need to|must|cant|cannot|shouldnt"
            rf"|smell|stink|eat|steal|dont|do not) ~ {NASTY}",
            rf"(?:hate|hates|hating|h8|cant stand|dont like|dislike) (?:all )?(?:the )?{GROUP}"
            rf"|(?:no|ban|ban all|get rid of|kick out|send back) {GROUP}(?: allowed| here| in)?",
            r"(?:you|u|he|she|they|ur|youre|hes|shes)(?: are| r| is| re)? (?:a |an |such a )?"
            r"(?:terrorist|terrorists|bomber|suicide bomber|monkey|ape|gorilla|curry muncher"
            r"|immigrant|illegal|refugee|gypo|gyppo|tramp|pikey|paki|sped|spaz|retard|cripple"
            r"|mong|faggot|fag|lesbo|tranny|homo|poof|dyke|gayboy|gay boy)",
            r"(?:speak|talk) (?:proper )?english|(?:your|ur|his|her) (?:skin|colour|color|hair"
            r"|religion|god|food|clothes|hijab|turban|accent|name) ~ (?:dirty|disgusting|weird"
            r"|gross|smells?|stinks?|stupid|ugly|poo|horrible|wrong|funny)",
            r"(?:girls|women|boys) (?:cant|cannot|shouldnt|should not|are rubbish at|are worse at"
            r"|are too weak|are not allowed|arent allowed|arent as good) ~ (?:play|do|be|football"
            r"|science|maths|fight|lead|run|because|cos)",
            r"monkey noises?|(?:nazi|hitler) (?:was right|salute|did nothing wrong)|heil hitler"
            r"|white power|ku klux klan|(?:dirty|smelly|stupid|filthy) (?:muslim|jew|christian|sikh|hindu"
            r"|paki|immigrant|foreigner|gypsy|gyppo|pole|romanian|black|chinese|indian|refugee"
            r"|gay|lesbian|trans|autistic|disabled|cripple)",
            r"(?:thats|that is|its|it is|you are|youre|ur) (?:so |well )?(?:gay|gey|ghey)",
            rf"{GROUP} ~ (?:shouldnt|should not|cant|cannot|mustnt|must not|arent|are not) (?:be allowed"
            r"|live|come|play|marry|get married|be here|have|be in|be real|be trusted)",
            r"(?:dont|do not|wont|will not|never|not) (?:want to|wanna|gonna|going to)? ?(?:sit|play|talk"
            r"|be friends|work|stand|go|hold hands|share) ~ (?:next to|with|near|beside) ~~ (?:black"
            r"|brown|muslim|jewish|gay|disabled|autistic|polish|gypsy|traveller|trans|foreign|chinese"
            r"|indian|african|pakistani|asian|a refugee|an immigrant|in a wheelchair|deaf|blind)",
            r"(?:you|u|ur|they|he|she) (?:speak|talk|sound|smell|look) (?:funny|weird|foreign|strange"
            r"|like a foreigner|like an immigrant|like curry)",
            r"because of (?:my|his|her|their) (?:skin|colour|color|religion|hijab|headscarf|turban|accent"
            r"|culture|race|two mums|two dads|wheelchair|disability)",
            r"(?:go|get|send (?:him|her|them)) back to (?:africa|asia|pakistan|india|poland|romania|china"
            r"|bangladesh|nigeria|somalia|syria|iraq|afghanistan|jamaica|ukraine|lithuania|bulgaria"
            r"|turkey|the jungle|the desert|where (?:you|u|they|he|she) (?:came|come|belong))",
            r"(?:wheelchair|disabled|autistic|deaf|blind|down syndrome|downs syndrome|special needs|sen"
            r"|lesbian|gay|trans|bisexual|muslim|jewish|hindu|sikh|gypsy|traveller|immigrant|refugee|hijab"
            r"|turban|headscarf) ~~ (?:weird|freak|freaks|stupid|cant play|not allowed|disgusting|gross"
            r"|dont play|doesnt count|retard|dirty|wrong|evil|sick|not normal|smelly|should die)",
            r"(?:hes|shes|theyre|he is|she is|ur|youre|you are) (?:a |an |so )?(?:lesbian|gay|trans|muslim"
            r"|jew|immigrant|refugee|gypsy|lezzie|lezza) (?:lol|haha|ha|lmao|innit|eww|ew|urgh|yuck)",
        ),
    ),
    "password": (
        "password",
        _patterns(
            r"(?:my|mine|your|ur|yor|his|her|mums|dads|the|our|class|school|ipad|roblox|minecraft"
            r"|fortnite|xbox|ps4|ps5|switch|phone|tablet|laptop|computer|account|email|wifi|blog"
            r"|sisters|brothers|teachers|miss|sir)? ?(?:password|passwords|passwrd|pasword|paswrd"
            r"|pasword|passwd|pword|pw|passcode|pass code|pin|pin number|pin code|login|log in"
            r"|logins|login details|log in details|sign in|sign in details|log on|logon|username"
            r"|user name|unlock code|lock code|screen code|security code|(?:ipad|phone|tablet|laptop"
            r"|computer|screen|door|safe|alarm|locker|padlock|switch|xbox|account|house|front door"
            r"|key ?safe) (?:code|passcode|pin))"
            r" (?:is|was|are|were|its|it is|equals|for (?:the |our |my |class )?[a-z0-9]{1,20} is"
            r"|for (?:the |our |my |class )?[a-z0-9]{1,20} [a-z0-9]{1,20} is|on the|changed to"
            r"|has|=|:|\d|[a-z]{0,20}\d)",
            r"(?:what|whats|wat|wats|wot|tell me|give me|send me|share|say|can i have|can i get"
            r"|i need|gimme|gimmie|need|want|know|guess|i know|type|put|enter|use|swap|trade)"
            r" ~ (?:your|ur|yor|his|her|my|mums|dads|their|the|our|class|ya|teachers|miss)"
            r" (?:password|passwords|passwrd|pasword|passwd|pword|passcode|pin|pin number|login"
            r"|log in|logins|login details|sign in|log on|details|account details|unlock code"
            r"|lock code|screen code)",
            r"(?:swap|share|sharing|swapping|trade|trading|told|tell|gave|give|giving|shared|swapped)"
            r" ~ (?:passwords|pins|logins|password|login|pin|log ins|accounts)",
            r"(?:log|logged|logging|sign|signed|go) (?:in|into|in to|on|onto) (?:my|your|ur|his|her"
            r"|their|mums|dads|someone elses) ~ (?:account|acount|roblox|fortnite|minecraft|xbox"
            r"|ipad|email|tiktok|snapchat|insta|game|profile|school account|class dojo|purple mash"
            r"|times tables rock stars|ttrs|mathletics|seesaw)",
            r"(?:i know|i found|i saw|i got|i have|ive got) (?:your|ur|his|her|their|mums|dads|the"
            r" teachers|the teacher|sirs|miss) ~ (?:password|pin|login|passcode|code)",
            r"(?:code|pin|passcode|password|passwords|login|unlock code) (?:for|to|on|of) (?:ur|your|my|his"
            r"|her|the|mums|dads|their|yor) ~ (?:ipad|phone|tablet|laptop|computer|account|xbox|switch"
            r"|ps4|ps5|roblox|fortnite|minecraft|house|door|locker|email|safe)",
        ),
    ),
    "links_scams": (
        "scam",
        _patterns(
            r"free (?:robux|robucks|vbucks|v bucks|vbuck|skins|gems|coins|diamonds|minecoins|gift"
            r" ?cards?|iphones?|ipads?|money|nitro|crowns|pets|pokecoins|fifa points|points|gold"
            r"|tokens|cash|ps5|xbox|stuff|game|games|amazon|voucher|vouchers)",
            r"(?:robux|vbucks|v bucks|gems|coins|money) (?:generator|gen|hack|glitch|giveaway|doubler)"
            r"|(?:double|triple) (?:your|ur) (?:robux|vbucks|money|coins|gems|items|pets)",
            r"click (?:here|this|the link|on the link|on this|on it|my link|this link|on my link"
            r"|below)|(?:go|visit) (?:to )?(?:this|my|the) (?:website|site|link|page) (?:for|to get"
            r"|and get|to win)|link in (?:my )?bio",
            r"(?:card|credit card|debit card|bank card|bankcard|visa|mastercard) (?:number|numbers"
            r"|details|digits|info|no)|(?:the )?(?:3|three) (?:numbers|digits) on the back"
            r"|\bcvv\b|\bcvc\b|sort code|bank details|account number|expiry date",
            r"(?:mum|mums|moms|mom|dad|dads|parents|your|ur|yor|nan|nans) (?:credit |debit |bank )?"
            r"card(?! (?:game|games|trick|tricks))|(?:use|get|borrow|take|nick) (?:your|ur)"
            r" (?:mum|mums|dad|dads|parents) (?:card|phone|bank|money|paypal|apple id|account)",
            r"(?:gift ?card|itunes card|google play card|steam card|amazon card|robux card|xbox card)"
            r" ~ (?:code|codes|number|numbers|pin)|(?:send|give|tell|share|read) (?:me )?(?:the"
            r" |your |ur )?(?:code|codes) (?:on|from|off) (?:the|your|ur)",
            r"(?:you|u|youve|uve) (?:have |just |has )?(?:won|win|been selected|been chosen)"
            r" ~ (?:prize|free|iphone|ipad|gift|£|money|robux|vbucks)|claim (?:your|ur) (?:prize"
            r"|reward|free|gift|robux)|(?:enter|type|put) (?:in )?(?:your|ur) (?:details|card"
            r"|email|password|address|mums|dads|parents)|verify (?:your|ur) account",
            r"(?:giveaway|give away) ~ (?:robux|vbucks|free|skins|dm|link|follow|click|subscribe)"
            r"|(?:dm|message|pm|text) (?:me )?for (?:free|robux|vbucks|skins)|free (?:stuff|things"
            r"|gifts) (?:at|on|here)|discord nitro|steam gift",
            r"(?:www|http|https) |\b(?:dot|d0t) (?:com|co uk|org|net|io|gg|ly|xyz|uk|tv|me)\b"
            r"|\bbit ly\b|\btinyurl\b|\bgrabify\b",
            r"(?:earn|get|win|make|getting|earning) (?:free )?(?:robux|vbucks|v bucks|money|skins|gems|coins"
            r"|diamonds) (?:fast|quick|quickly|easy|easily|now|today|here|for free|instantly)"
            r"|(?:check|click|open|tap|use|visit|go on|press|follow) (?:out )?(?:my|this|the|that) (?:link"
            r"|website|site|url)",
        ),
    ),
    "offensive_language": (
        "insult",
        _patterns(
            r"shut up|shut it|shut ur|shut your|shuttup|stfu|get lost|go away|do one|jog on"
            r"|piss off|sod off|bog off|naff off|get stuffed|you suck|u suck|ur rubbish"
            r"|your rubbish|you are rubbish|youre rubbish|i hate (?:you|u|ya|him|her|them|everyone"
            r"|all of you|this school|my school|ur school|your school)|your mum|ur mum|yo mama"
            r"|yo momma|ur mom|your mom|(?:you|u) (?:smell|stink|smel)|(?:he|she|they) (?:smell|stink)s?"
            r"\b(?! (?:of|like|nice|good|lovely|amazing|great))|(?:fat|ugly|stupid|smelly|thick)"
            r" (?:pig|cow|face|head|idiot|loser|baby|fool|rat|dog|git|brat)|sucks to be (?:you|u)"
            r"|(?:what a|such a|ur a|you re a|youre a|you are a|you|u|ur|u r|your|youre|you are"
            r"|hes a|shes a|hes|shes|he is|she is|theyre|they are|bunch of|you big|you little"
            r"|big fat|proper|absolute|total|such) ~ (?:idiot|idiots|stupid|dumb|ugly"
            r"|loser|losers|moron|morons|freak|freaks|weirdo|weirdos|fat|fatty|fatso|smelly|dumbo"
            r"|thicko|thick|numpty|muppet|plonker|prat|div|dope|doughnut|donut|noob|nooby|pig|cow"
            r"|dog|rat|baby|cry baby|crybaby|prick|bellend|nob|wimp|weakling|nerd|geek|dweeb|dork|pathetic|useless"
            r"|rubbish|trash|garbage|worthless|scum|clown|joke|snake|dick|knob|tool|jerk|ass"
            r"|donkey|minger|minging|rank|tramp|skank|mingin|nobody|nothing|brainless|braindead"
            r"|airhead|nitwit|twit|dimwit|dunce|pea brain|monkey|sausage|potato|bozo|waste of space"
            r"|horrible|nasty|disgusting|gross|stinky|smelly|waste of oxygen|waste of air)\b",
            r"(?:a|this|that|the|ur|your|their|his|her|our|stupid|dumb) (?:stupid|dumb|rubbish|crap"
            r"|rubbish|pathetic|useless|idiot|ugly|smelly|loser) (?:school|class|idea|ideas|teacher"
            r"|teachers|team|person|kid|kids|boy|boys|girl|girls|face|head|council|people|game)",
        ),
    ),
}
