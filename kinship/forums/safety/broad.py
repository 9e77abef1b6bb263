"""Broader co-occurrence rules, one list per category: a concern word near a child's own
situation, anywhere in the message. Pure Python.

They find what the precise patterns in lexicons miss, so each category has a veto: a
message that is plainly about a lesson, a story, history, cooking or sport is not read by
them (the precise patterns still are). Written like the lexicons (`~`, `~~`, `~~~` gaps).
"""

from kinship.forums.safety.lexicons import HARMER, MEDIA

LESSON_OR_STORY = (
    r"(?:in|for|during) (?:history|re|pshe|science|english|assembly|class|our topic|the topic"
    r"|dt|cooking|computing|e ?safety|online safety|drama|guided reading|literacy|geography)"
    r"|(?:we|i) (?:learnt|learned|learn|are learning|were learning|read|are reading|watched a"
    r" film about|talked about|did a project|wrote a story)|the (?:story|book|film|play|poem"
    r"|novel|author|character|characters)|(?:vikings|romans|tudors|saxons|victorians|egyptians"
    r"|greeks|world war|ww1|ww2|the war|the blitz|the plague|great fire|henry viii|titanic"
    r"|stone age|iron age|castle|knights|museum)|(?:knife and fork|butter knife|cut the|chop"
    r"|chopping|slice|peel|spread|recipe|bake|baking|chef|kitchen)"
)
BROAD: dict[str, tuple[str, tuple[str, ...]]] = {
    "self_harm": (
        LESSON_OR_STORY,
        (
            r"(?:i|im|i am|i feel|i think i am|i think im) (?:so |really |very |just )?(?:worthless"
            r"|hopeless|empty inside|numb|invisible|depressed|suicidal|a waste)",
            r"(?:cry|crying|cried) (?:myself to sleep|every night|all night|all the time|every day)",
            r"(?:not eating|stopped eating|stop eating|dont eat|skip meals|skipping meals|skip lunch|skipping lunch|throw up"
            r"|make myself sick|starve|starving myself) ~~ (?:fat|thin|weight|skinny|body|calories"
            r"|hate)|(?:fat|weight|body|calories|skinny) ~~ (?:not eating|stopped eating|skip meals"
            r"|skipping meals|make myself sick|starve myself|starving myself)",
            r"(?:i|im|i am|i feel) ~ (?:sad|low|down|miserable|upset|alone|lonely) ~~ (?:all the time"
            r"|every day|every night|forever|cant stop crying|dont want to be|want to die|no point"
            r"|nobody cares|no one cares)",
        ),
    ),
    "abuse": (
        LESSON_OR_STORY + r"|ball|football|netball|rugby|dodgeball|pe|match|tig|playground|cricket"
        r"|rounders|hockey|trampoline|bike|scooter|fell|fall|tripped|snowballs?",
        (
            r"(?:i|we) (?:get|got|gets|getting) (?:hit|smacked|beaten|slapped|whacked|belted|kicked"
            r"|punched|battered|burnt|burned|locked in|locked out|strangled|choked|thrown)",
            r"(?:dont|never|not) (?:feel )?(?:safe|happy) (?:at home|in my house|in our house|at my"
            r" house|at dads|at mums)|home is (?:scary|horrible|not safe)|(?:scared|frightened"
            r"|terrified) of (?:being )?(?:at )?home",
            rf"{HARMER} ~ (?:shouts|screams|yells|swears|gets angry|gets mad|loses (?:his|her) temper"
            r"|goes mad|kicks off|gets drunk) ~~ (?:scared|hide|hit|hurt|throw|threw|smash|break"
            r"|broke|cry|crying|punch|kick|push)",
            r"hide (?:under|in) (?:my|the) (?:bed|room|cupboard|wardrobe) (?:when|because|cos|from)",
            rf"{HARMER} ~~ (?:kiss|kisses|kissed|kissing) me ~~ (?:mouth|lips|tongue|dont like"
            r"|secret|tell|uncomfortable|weird|bed|scared)|(?:showed|shows|show) me (?:his|her)"
            r" (?:privates|private|willy|bits|body|naked)|(?:touch|touches|touched|touching) (?:my"
            r"|his|her) (?:private|privates|bum|chest|willy|bits|down below|down there|boobs)",
            r"(?:gave|give|gives) me (?:a )?(?:nosebleed|bloody nose|split lip|fat lip|bruise"
            r"|black eye|burn)",
            rf"{HARMER} ~~ (?:says|said|tells me|told me|calls me|called me|shouts|screams|yells)"
            r" ~~ (?:useless|worthless|a mistake|an accident|a waste|pathetic|hates me|hate you"
            r"|should never|wish (?:you|u|i) (?:were|was|wasnt) (?:dead|never|born))",
        ),
    ),
    "neglect": (
        LESSON_OR_STORY
        + r"|breakfast club|food bank|harvest|charity|donate|collecting|holiday|hotel"
        r"|overslept|late|in a rush|rushing|fasting|ramadan|not hungry|too excited|nervous",
        (
            r"(?:no|not any|never any|never enough|not enough|run out of|ran out of|nothing for)"
            r" (?:food|tea|dinner|breakfast|lunch|money for food|meals|milk|bread)",
            r"(?:didnt|did not|havent|have not|hasnt|never|couldnt) (?:get|have|had|eat|eaten|got)"
            r" (?:any )?(?:tea|dinner|breakfast|food|anything to eat|a meal|supper)",
            r"(?:house|home|flat|bedroom|room) (?:is|was|gets) (?:always |so |really |too )?"
            r"(?:freezing|cold|dirty|filthy|disgusting|smelly)",
            r"(?:by myself|on my own|alone|home alone) (?:at night|all night|overnight|every night"
            r"|till late|until late|when mum|while mum|when dad|while dad|after school every)",
            r"(?:mum|dad|parents|they|mummy|daddy) ~ (?:go|goes|went|going) (?:out|away|to the pub"
            r"|drinking|partying|off) ~~ (?:leave|leaves|left|alone|on my own|by myself|look after"
            r"|in charge|on our own)",
            r"(?:nobody|no one|noone) (?:is |was )?(?:home|at home|there|around|in) (?:when|after"
            r"|at night|until|till|all)|(?:wear|wearing|wore) (?:the )?same (?:clothes|uniform|socks"
            r"|pants|jumper|top)|sleep (?:on|in) (?:the )?(?:floor|sofa|settee|couch|car)",
            r"(?:mum|dad|parents|mummy|daddy) ~ (?:doesnt|does not|dont|never|wont|cant) ~ (?:get up"
            r"|wake up|come out of (?:her|his) room|cook|feed|notice|look after|take care of)",
            r"(?:medicine|inhaler|glasses|tablets|epipen) ~~ (?:ran out|run out|broken|lost|never"
            r"|nobody|no one|cant afford|mum wont|dad wont|forgot)",
        ),
    ),
    "password": (
        r"(?:strong|good|safe|secure|weak|bad|best|new|forgot|forgotten|reset|change|changed"
        r"|remember|never share|not share|dont share|keep your) ~ (?:password|passwords|pin|login)"
        r"|e ?safety|online safety|internet safety|safer internet|rolling pin|safety pin|pin the"
        r"|safe online|stay safe|staying safe|(?:not|never|dont|no|stop) (?:sharing|share|giving"
        r"|telling|swapping)",
        (
            r"(?:password|passwords|passwrd|pasword|passwd|passcode|login|logins|log in details"
            r"|login details|sign in details|account details|username and password)",
            r"(?:use|go on|play on|borrow|get on|log into|log onto|sign into|share) (?:my|your|ur"
            r"|his|her|their|someone elses|mums|dads|sisters|brothers) (?:account|acc|profile)",
            r"(?:my|your|ur|mums|dads|the|his|her|bank|card|phone|ipad|tablet) (?:pin|pin number"
            r"|pin code|passcode) (?:is|was|its|\d)",
        ),
    ),
    "exploitation": (
        LESSON_OR_STORY + r"|pocket money|chores|paper round|car boot|bake sale|cake sale",
        (
            r"(?:older|bigger|big) (?:kids|boys|lads|girls|teenagers|people|man|men|guys|friends"
            r"|mates|boy|lad|girl) ~~~ (?:want|wants|asked|told|make|made|makes|gave|give|pay|paid"
            r"|said|offered|promised) (?:me|us)",
            r"(?:gang|gangs|gangsters|dealers|drug dealer|drug dealers) ~~ (?:me|my|i|us)|(?:join"
            r"|joined|be in|part of) (?:a|their|the|his) (?:gang|crew|squad)",
            r"(?:send|sent|sending) (?:him|her|them) ~ (?:pics|pictures|photos|videos|selfies) ~~"
            r" (?:money|robux|vbucks|gift|skins|pay|paid|for)",
            r"(?:take|taking|took|carry|carrying|deliver|delivering|drop|dropping) ~ (?:packages"
            r"|parcels|bags|stuff|things|phones) ~~ (?:for (?:him|them|her|people|someone|a man"
            r"|older)|to (?:people|houses|someone|a man|different))",
        ),
    ),
    "harmful_content": (
        r"(?:in|for|during) (?:history|re|pshe|science|assembly|e ?safety|online safety)"
        r"|(?:we|i) (?:learnt|learned|learn|talked about)|museum|world war|ww1|ww2|the war"
        r"|(?:teacher|miss|sir|mr|mrs|ms) ~ (?:showed|shows|played) (?:us|the class|our class)"
        r"|plastic|pollution|climate|nature|documentary|wildlife|animals",
        (
            r"(?:rude|naked|nude|sexy|sex|porn|gore|gory|violent|disgusting|disturbing"
            r"|inappropriate|adult|x rated|over 18|murder|dead|killing|suicide|self harm|cutting"
            rf"|drugs|beheading|fights|fighting|blood) ~~ {MEDIA} ~~ (?:showed|show|shows|sent|send"
            r"|sends|watched|watch|watching|saw|seen|see|found|came up|popped up|pops up|keep seeing"
            r"|on my feed|fyp|for you page|recommended)",
            r"(?:showed|show|shows|sent|send|sends|watched|watch|watching|saw|seen|see|found|came up"
            rf"|popped up|pops up|keep seeing|on my feed|fyp|for you page) ~~ {MEDIA} ~~ (?:rude|naked"
            r"|nude|sexy|sex|porn|gore|gory|violent|disgusting|disturbing|inappropriate|adult"
            r"|x rated|over 18|murder|dead|killing|suicide|self harm|cutting|beheading|blood)",
            r"(?:popped up|pops up|came up|comes up|keeps coming up|on my fyp|on my for you|in my feed"
            r"|on my feed) ~~ (?:rude|naked|nude|porn|gore|violent|horrible|disgusting|dead|killing"
            r"|fight|fights|blood|inappropriate)",
            r"(?:challenge|dare|trend) ~~ (?:pass out|passed out|faint|choke|choking|hurt yourself"
            r"|burn|hospital|breath|breathe|swallow|tablets|pills|bleach)",
            r"(?:play|plays|playing|played|watch|watching) ~ (?:gta|grand theft auto|call of duty"
            r"|mortal kombat|resident evil|red dead|the last of us)|(?:18|eighteen) (?:film|films"
            r"|movie|movies|game|games|rated|certificate)|(?:rated|pegi) 18",
        ),
    ),
    "bullying": (
        LESSON_OR_STORY + r"|jokes?|funny|tig|tag|hide and seek|the game|a game",
        (
            r"(?:gang|ganged|ganging) up on|(?:film|filmed|filming|record|recorded|recording) me ~~"
            r" (?:laugh|post|put|online|without|crying|embarrass|share)",
            r"(?:they|he|she|everyone|people|the girls|the boys|kids) ~ (?:say|says|said|tell|tells"
            r"|told) (?:me )?(?:im|i am|i look|i smell|my) ~ (?:ugly|fat|stupid|weird|disgusting"
            r"|dirty|gross|poor|smelly|thick|dumb|a freak|a loser|annoying|horrible|a baby|tiny"
            r"|skinny|hairy|spotty)",
            r"(?:no one|nobody|none of them|noone) ~ (?:talks|talk|speaks|speak) to me|(?:i|im|i am)"
            r" (?:always )?(?:on my own|alone|by myself|lonely) (?:at|every|in the|all) (?:break"
            r"|lunch|playtime|dinner|day|time)",
            r"(?:wont|doesnt|dont|never) stop (?:calling|hitting|pushing|laughing|saying|teasing"
            r"|following|messaging|texting|picking|kicking|annoying me)",
            r"(?:stop|stops|stopped|wont) (?:being )?(?:my|her|his) (?:friend|friends) (?:because|if"
            r"|unless|or)",
        ),
    ),
    "violence": (
        LESSON_OR_STORY + r"|football|rugby|boxing|karate|match|tournament|game|fortnite|minecraft",
        (
            r"(?:going to|gonna|will|ill|wanna|want to|planning to|plan to) ~ (?:fight|batter|jump"
            r"|bash|beat up|stab|shoot|kill|hurt|attack) ~~ (?:after school|tomorrow|tonight|at break"
            r"|at lunch|at home time|on the way home|monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday|weekend)",
            r"(?:man|boy|lad|someone|guy|people|men|kid|teenager|he|she) (?:with|had|has|holding"
            r"|carrying|got) (?:a|his|a big|her) (?:gun|knife|machete|blade|weapon|zombie knife)",
            r"(?:threatened|threatens|threatening|said (?:he|she|they) (?:would|will|d|ll|is going"
            r"|was going|is gonna|was gonna)) ~ (?:to )?(?:stab|kill|hurt|shoot|beat|batter|jump"
            r"|smash|punch|burn)",
            r"(?:knife|knives|blade|gun|machete|weapon|knuckle duster) ~~ (?:school|bag|pocket|coat"
            r"|park|bring|brought|got|has|have|showed|show|pulled|pull|carry|carries|carrying"
            r"|waved|threatened)|(?:bring|brought|got|has|have|showed|show|pulled|pull|carry|carries"
            r"|carrying|waved) ~~ (?:knife|knives|blade|gun|machete|weapon|knuckle duster)",
        ),
    ),
}
