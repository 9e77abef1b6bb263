"""Concept lexicons: groups of words and short phrases that children use for the same idea
("no one feeds me", "theres nothing to eat", "im always starving"), each read as one concept
token. Pure Python.

The learned model (learned.py) reads these tokens beside the words themselves, so a message
worded in a way no tuning message was still shares its concepts with them: "a man on
discord wants selfies for gems" has the concepts of a stranger online, pictures and payment
even though no tuning message says "discord", "selfies" and "gems" together. Each group is a
synonym set, never a message; patterns run on the `joined` form (normalise.py), so spelling
disguises are undone first. Every pattern is bounded, so the whole pass is linear.
"""

import re

from kinship.forums.safety.lexicons import GROUP, HARMER, WEAPON

CONCEPTS: dict[str, str] = {
    # Self-harm and suicidal thoughts
    "die": r"die|dying|dead|death|suicide|suicidal|kill (?:my ?self|me)|kms|unalive|end it"
    r"|end it all|end my life|end everything|take my (?:own )?life|not (?:be )?(?:here|alive)"
    r"|wasnt (?:here|alive|born)|never (?:been )?born|not wake up|never wake up|disappear"
    r"|disapear|vanish|gone forever|go away forever|not exist|stop breathing|heaven",
    "selfhurt": r"(?:hurt|harm|cut|cutting|scratch|scratching|burn|burning|punch|hit|bang|starve"
    r"|starving) (?:my ?self|my (?:arms?|legs?|wrists?|skin|tummy|head))|self harm|selfharm"
    r"|cuts on|blade|razor|sharpener|till (?:it|they) bleeds?|make myself (?:sick|throw up)"
    r"|pills|tablets|paracetamol|overdose",
    "hopeless": r"worthless|pointless|no point|whats the point|hopeless|a burden|better off"
    r" without|waste of space|give up|giving up|cant cope|cant go on|cant do this|cant take it"
    r"|empty inside|numb|nobody would (?:care|notice|miss)|no one would (?:care|notice|miss)"
    r"|hate (?:my ?self|being alive|my life|my body)|dont deserve|sick of living|tired of living",
    # Abuse
    "carer": HARMER,
    "hurt": r"hits?|hitting|hurts?|hurting|kicks?|kicked|punch(?:es|ed)?|slaps?|slapped|smacks?"
    r"|smacked|beats?|beaten|belt|belts|belted|chokes?|choked|strangle[sd]?|burnt|burns|bruises?"
    r"|bruised|marks|bleed|bled|blood|black eye|throws? (?:me|things|stuff)|threw|pushe[sd]|shoved"
    r"|grabbe?d?|drags?|dragged|pull(?:s|ed)? my hair|pinch(?:es|ed)?|squeezed|locks? me|locked me",
    "sexual": r"touch(?:es|ed|ing)?|private(?:s| parts)?|willy|bum|boobs|chest|clothes off|naked"
    r"|nude|nudes|undress|underwear|pants|knickers|kiss(?:es|ed)?|sexual|sex|in my bed|in the bath"
    r"|sit on (?:his|her) (?:lap|knee)|lap|rude things",
    "scared": r"scared|frightened|afraid|terrified|fear|frighten|scares me|dont feel safe"
    r"|not safe|unsafe|dont want to go home|hide|hiding",
    "putdown": r"useless|worthless|stupid|a mistake|hates? me|wish(?:es)? (?:i|she|he) (?:was|were)"
    r" (?:never|dead)|never had me|ruined|fat and ugly|good for nothing",
    # Neglect
    "food": r"food|eat|eaten|eating|ate|tea|dinner|breakfast|lunch|supper|meals?|fed|feeds?|feeding"
    r"|hungry|hungy|starving|starved|fridge|cupboards?|cereal|bread|milk|crisps|tins",
    "lack": r"no|none|nothing|never|empty|havent|hasnt|didnt|dont get|not any|without|ran out"
    r"|run out|aint got|got no|forgets?|forgot|wont|doesnt|cant afford",
    "alone": r"alone|on my own|by myself|left me|leaves me|leave us|leaves us|left us"
    r"|no ?one (?:is )?(?:home|in|there)|nobody (?:is )?(?:home|in|there)|look after (?:my ?self|my (?:little|baby))"
    r"|dont come home|doesnt come home|goes out|went out|at the pub|passed out",
    "home_bad": r"freezing|cold|dirty|filthy|smell|smells|smelly|stink|mould|mouldy|rats|mice"
    r"|rubbish everywhere|no (?:heating|hot water|electric|electricity|gas|beds?|bath|shower"
    r"|blanket|pillow|coat|shoes|socks|toothbrush)|holes in|too small|same clothes|wet bed|floor",
    "care_missed": r"doctor|dentist|inhaler|glasses|medicine|poorly|ill|nits|teeth|tooth|wash|bath"
    r"|washed|clean clothes|uniform|pick me up|picks me up|collect me|drunk|asleep|in bed all day",
    # Grooming
    "stranger": r"(?:a |this |some )?(?:man|men|guy|stranger|grown ?up|adult|lady|woman|person"
    r"|someone|somebody|older (?:boy|girl|man)|teenager)|online friend|friend (?:online|from)"
    r"|met (?:online|on)|(?:he|she) (?:is|says hes|says shes) (?:1[3-9]|[2-9]\d)|\d\d year old",
    "platform": r"online|roblox|snap|snapchat|tiktok|discord|fortnite|minecraft|insta|instagram"
    r"|whatsapp|facetime|video call|kik|game|gaming|chat|messages?|messaged|dm|dms|app|xbox|ps5",
    "pics": r"pics?|pictures?|photos?|selfies?|videos?|vids?|nudes|camera|cam|facetime|video call"
    r"|show (?:him|her|them) my|in my (?:pjs|pyjamas|underwear|swimsuit|swimming costume)",
    "secret": r"secret|dont tell|do not tell|not tell|wont tell|keep it|delete|deleted|hide|hidden"
    r"|private chat|no one (?:can )?see|nobody (?:can )?see|just us|our little|between us"
    r"|parents wouldnt understand|get in trouble if",
    "meet": r"meet|meeting|come (?:to|round|over|alone)|pick me up|his (?:house|car|flat)"
    r"|her (?:house|car|flat)|irl|in real life|sneak out|the station|the park|hotel|address"
    r"|where i live|what school|home alone|are you alone|r u alone|location",
    "flattery": r"special|mature|love (?:me|you|u)|beautiful|pretty|my (?:boyfriend|girlfriend)"
    r"|grown up for|different from other",
    # Exploitation
    "money": r"money|cash|pay|pays|paid|quid|pounds?|£|robux|vbucks|v bucks|gems|coins|skins"
    r"|gift cards?|presents?|trainers|new phone|free stuff|buy me|buys me|bought me|owe|debt"
    r"|earn|job|jobs|favours?",
    "carry": r"carry|carrying|deliver|delivering|drop (?:off|stuff)|drop offs?|package|parcel"
    r"|bag|bags|stuff|keep (?:it|this|stuff|weed)|hold (?:it|this|something)|sell|selling|runner"
    r"|run for|lookout|county lines|train to|steal|nick|shoplift",
    "gang": r"gang|gangs|older (?:boys|kids|lads|girls|teenagers)|big (?:boys|lads|kids)"
    r"|teenagers|dealers?|drugs|weed|vapes?|their boss|crew",
    # Violence
    "weapon": WEAPON,
    "threat": r"(?:kill|stab|shoot|batter|hurt|get|smash|punch|strangle|jump|beat) (?:you|u|him"
    r"|her|them|everyone)|beat (?:you|u|him|her) up|watch (?:your|ur) back|(?:youre|ur|you are)"
    r" dead|dead meat|or else|coming for you|burn (?:your|ur) house|blow up|(?:im|i am|ill|i will"
    r"|gonna|going to) (?:kill|stab|shoot|hurt|batter|punch|smash|burn|attack)",
    "when": r"tomorrow|tonight|after school|at break|at lunch|home time|monday|friday|on the way"
    r" home|at the gates",
    # Harmful content
    "saw": r"saw|seen|see|seeing|watched|watch|watching|showed me|shows me|show me|sent me"
    r"|sends me|came up|popped up|pops up|on my (?:feed|fyp|for you)|found|airdropped|made me"
    r" (?:watch|look)|posted",
    "media": r"videos?|vids?|clips?|pics?|pictures?|photos?|images?|films?|movies?|website|site"
    r"|tiktok|youtube|shorts|reels?|group chat|gc|memes?|porn|game",
    "badcontent": r"porn|rude|naked|nude|sex|sexy|gore|gory|blood|bloody|dead bod(?:y|ies)|dying"
    r"|killed|killing|murder|stabbed|shot|beheaded|head cut off|execution|tortured|torture|suicide"
    r"|self harm|hurting themselves|cutting|choke|pass out|bomb|terrorist|disgusting|horrible"
    r"|creepy|disturbing|18 (?:film|game|movie)|over 18|inappropriate|private parts|willy"
    r"|nightmares|cant stop thinking",
    # Bullying
    "peers": r"they|everyone|every ?1|people|girls|boys|kids|children|my class|year \d|the others"
    r"|my friends|so called friends|a group|he|she",
    "mean": r"laugh(?:s|ed|ing)? at|make fun|made fun|makes fun|names|ignore|ignored|ignoring"
    r"|left out|leave me out|leaves me out|pick(?:s|ed)? on|picking on|tease|teased|teasing"
    r"|bull(?:y|ies|ied|ying)|rumou?rs?|mean to me|nasty|horrible (?:things|stuff|messages)"
    r"|wont let me|not let me|no friends|no one likes|nobody likes|copy|mock|whisper|fake account|push(?:es)?"
    r" me|trip(?:s|ped)? me|take my|took my|steal my|hide my|ganged up|ganging up",
    "insult": r"ugly|fat|fatty|stupid|thick|loser|weirdo|freak|smell|smelly|poor|tramp|baby"
    r"|useless|rubbish|gay|dumb|idiot",
    # Hate
    "group": GROUP,
    "othering": r"go back|own country|where you came from|shouldnt be allowed|not allowed|banned"
    r"|kicked out|dont belong|no (?:\w+ )?allowed|because (?:hes|shes|they are|theyre|youre)"
    r"|cos (?:hes|shes|theyre|youre)|are all|all (?:\w+ )?are|terrorists?|monkeys?|thieves"
    r"|your (?:skin|religion|colour|accent)",
    # Personal details, passwords, links
    "contact": r"number|phone|ring me|call me|text me|whatsapp|add me|email|address|live at"
    r"|live on|postcode|username|user name|my (?:snap|insta|tiktok|discord|kik|roblox)",
    "password": r"password|passwrd|pasword|passcode|pass code|pin|login|log in|sign in|code"
    r"|account details",
    "scam": r"free (?:robux|vbucks|skins|gems|coins|stuff|iphone)|click (?:this|the|here)|link"
    r"|won (?:a|an)|claim|card number|bank details|generator|giveaway|www|dot com|\.com",
    # Ordinary school life: the contexts that make a near miss innocent
    "lesson": r"history|in (?:re|pshe|science|english|assembly|class|drama|geography|maths)"
    r"|we (?:learnt|learned|learn|read|watched|talked|wrote|made|did)|the (?:story|book|film|play"
    r"|poem|author|character)|vikings|romans|tudors|egyptians|victorians|war|ww1|ww2|blitz"
    r"|plague|castle|knights|museum|topic|project|e ?safety|online safety",
    "play": r"football|netball|rugby|match|pe|game|minecraft|fortnite|play|played|playing|tag"
    r"|tig|hide and seek|dodgeball|rounders|trampoline|bike|sleepover|party",
    "figurative": r"(?:killed|smashed|nailed|aced|bossed) it|died laughing|dying to|to die for"
    r"|(?:kill|killing) me lol|going to kill me|will kill me|im dead|lol|lmao|haha|jk|joking",
}

COMPILED: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")
    for name, pattern in CONCEPTS.items()
}
FIRST_PERSON = re.compile(r"(?<![a-z0-9])(?:i|im|ive|id|ill|me|my|myself|we|us|our)(?![a-z0-9])")


def concept_tokens(text: str) -> list[str]:
    """The concept tokens ('zzfood', 'zzlack', ...) of a message in `joined` form, with the
    pairs of concepts that say most together ('zzfood_zzlack')."""
    names = [name for name, pattern in COMPILED.items() if pattern.search(text)]
    if FIRST_PERSON.search(text):
        names.append("me")
    tokens = [f"zz{name}" for name in names]
    tokens += [f"zz{a}_{b}" for i, a in enumerate(names) for b in names[i + 1 :]]
    return tokens
