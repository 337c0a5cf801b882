"""The words ``privacy`` reads a person or a place by: titles, words that follow a title without
naming anyone, labels of a name, words for a person of the case, streets and places below the
cercle. Patterns are written once against folded text (``textfold``)."""

from __future__ import annotations

PERSONAL = (r"mme|mmes|mlle|mlles|madame|mesdames|mademoiselle|monsieur|messieurs|mr|mrs|miss"
            r"|mister|docteur|docteure|doctoresse|doctor|dr|dre|drs|professeur|professeure"
            r"|el[- ]?hadji?|elhadji?|hadja|hadjia|alhaji")
"""Titles that are only titles: any word after them that is not a function word is a name."""
OFFICE = (r"imam|imamu|marabout|chérif|cherif|chef\s+de\s+(?:village|quartier|canton|fraction)"
          r"|dugutigi|commissaire|général|generale?|générale|préfet|préfète|sous-préfet"
          r"|gouverneur|capitaine|commandant|colonel|lieutenant|sergent|adjudant(?:[- ]chef)?"
          r"|caporal|maître|maitre|pasteur|abbé|père|soeur|sœur|frère|chief|captain|sergeant"
          r"|major|pastor|father|sister|brother")
"""Offices and ranks: a capitalised (or uncased) word after them is a name."""
SHORT = r"M|MM|Me|Pr|Sr|Ms|Cne|Capt|Cdt|Col|Lt|Sgt|Adj"
"""Abbreviations that are also words or units (``5 M``, ``Me voici``): written as titles."""

LABEL_CUES = (r"noms?|pr[ée]noms?|nom\s+(?:et|&)\s+pr[ée]nom|nom\s+complet|names?|first\s+name"
              r"|last\s+name|surname|full\s+name|alias|surnom|nickname"
              r"|nom\s+(?:de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+)[\w-]+(?:\s+pr[ée]sum[ée]e?)?"
              r"|names?\s+of\s+(?:the\s+)?[\w-]+")
"""Labels of a name: any word after them (``nom: keita``) is a name."""
NAMING = (r"(?<!qui )(?<!comment )(?<!ça )(?<!ca )s(?:\s?['’´`\u0301]\s?|\s)?app?[eèé]ll?"
          r"(?:e|ent|ait|aient)?\b"
          r"|se\s+(?:pr[ée])?nomm?(?:e|ent|ait)|se\s+fait\s+appeler|(?:le|la|les)\s+nomm[ée]e?s?"
          r"|alias"
          r"|(?:she|he)(?:['’]?s|\s+is|\s+was)\s+called|(?:her|his)\s+names\b"
          r"|on\s+l['’´`]\s?app?[eè]ll?(?:e|ait)\b"
          r"|(?:son|sa|leur)\s+(?:pr[ée])?nom(?:\s+de\s+famille)?\s+(?:est|[ée]tait|c['’´`]?\s?est)"
          r"|r[ée]pond(?:ait|ant)?\s+au\s+(?:pr[ée])?nom\s+(?:de\s+|d['’´`])"
          r"|(?:du|sous\s+le)\s+(?:pr[ée])?nom\s+(?:de\s+|d['’´`])"
          r"|d[ée]nomm[ée]e?s?|pr[ée]nomm[ée]e?s?|surnomm[ée]e?s?|nicknamed|a\.k\.a\.?"
          r"|(?:homme|femme|fille|garçon|personne|enfant|individu|dame|monsieur|chauffeur"
          r"|gardien|enseignant|agent|soldat|militaire|policier|gendarme|infirmi[eè]re?"
          r"|m[ée]decin|casque\s+bleu)\s+(?:appel|nomm)[ée]e?"
          r"|(?:man|woman|girl|boy|person|child|guy|lady|someone|somebody|individual|driver"
          r"|guard|teacher|officer|soldier|peacekeeper|nurse|doctor|contractor|worker|volunteer"
          r"|employee|staff)\s+(?:called|named)"
          r"|(?:(?:whose|her|his|their)\s+|(?<=['’]s\s))(?:first\s+|last\s+|full\s+|nick)?names?"
          r"(?:\s+(?:is|was|are|were)|['’]s)"
          r"|(?<=, )named|by\s+the\s+name\s+of|calls?\s+(?:himself|herself|themselves)"
          r"|goes\s+by\s+the\s+name(?:\s+of)?|tɔgɔ(?:\s+(?:ye|ko))?|wele\s+ko")
"""Words that give a name: the word after them (``elle s'appelle awa``, ``her name is
grace``, ``un homme appelé Moussa``, Bambara ``a tɔgɔ ye Awa``) is a name, in lower case
too; not a word that names nobody (``inconnu``, ``confidentiel``, ``régulièrement``:
``NOT_A_NAME``, read past), nor what a participle gives after the name of a thing
(``l'association dénommée Espoir``, ``a project known as Cash Plus``: ``THINGS``,
``GIVEN_AS``)."""
ADVERB_ENDINGS = ("ly", "ment")
"""A word in lower case of nine letters or more that ends so is an adverb (``separately``,
``seulement``), not a name; shorter ones may be names (``kelly``, ``clément``), and an
ending in « ed » or « é » is many a name's (``mohamed``, ``traoré``): those participles are
listed (``NOT_A_NAME``)."""
GIVEN_AS = (r"d[ée]nomm|pr[ée]nomm|surnomm|known|nicknamed|(?:is|was|are|were)\s+(?:called|named)"
            r"|s['’´`]\s?app?[eè]ll?e|se\s+nomme"
            r"|(?:est|[ée]tait|a\s+[ée]t[ée])\s+(?:nomm|appel|pr[ée]nomm|d[ée]nomm)")
"""The words that give a name as a participle: after the name of a thing, the thing's."""
THINGS = (r"association|projet|programme|project|program|organisation|organization|ong|ngo"
          r"|structure|entreprise|soci[ée]t[ée]|company|centre|center|site|camp|village|quartier"
          r"|place|area|zone|initiative|campagne|campaign|groupe|group|comit[ée]|committee"
          r"|coop[ée]rative|cooperative|op[ée]ration|operation|m[ée]canisme|mechanism|shelter"
          r"|refuge|foyer|clinique|clinic|[ée]cole|school|h[ôo]pital|hospital|service|unit[ée]?"
          r"|ligne|hotline|radio|bureau|office|fonds|fund")
"""Things a note may give the name of, before a participle that gives a name."""
PERSON_CUES = (r"victimes?|survivante?s?|survivors?|victims?|plaignante?s?|complainants?"
               r"|t[ée]moins?|witness(?:es)?|auteure?s?\s+pr[ée]sum[ée]e?s?|pr[ée]sum[ée]e?s?"
               r"\s+auteure?s?|alleged\s+perpetrators?|perpetrators?|agresseure?s?|accus[ée]e?s?"
               r"|accused|m[èe]re|mother|daughter|filles?|fils|[ée]pouse|[ée]poux|mari|wife|husband"
               r"|auteure?s?|patron(?:ne)?|employeur|employer|boss|landlord|propri[ée]taire|chauffeur"
               r"|driver|gardien|guard|soldat|soldier|suspects?|d[ée]clarante?|co[ée]pouse|tuteur"
               r"|tutrice|tantie|tonton|son|stepfather|stepmother|grandmother|grandfather"
               r"|grand-m[èe]re|grand-p[èe]re|beau-p[èe]re|belle-m[èe]re|m[ée]decin|nurse"
               r"|infirmi[èe]re?"
               r"|tante|oncle|aunt|uncle|cousine?|cousin|neveu|ni[èe]ce|nephew|niece|known\s+as"
               r"|goes\s+by|voisine?s?|neighbou?r|amie?s?|friends?|copain|copine|boyfriend"
               r"|girlfriend|fianc[ée]e?|petit\s+ami|petite\s+amie|un\s+certain|une\s+certaine"
               r"|a\s+certain|camarades?|aka"
               r"|(?<!it )(?<!what )(?<!this )(?<!that )(?:is|was|are|were)\s+(?:called|named)"
               r"|(?:est|[ée]tait|a\s+[ée]t[ée])\s+(?:nomm|appel|pr[ée]nomm|d[ée]nomm)[ée]e?"
               r"|l['’´`]\s?app?[eè]ll?(?:e|ent|ait)|call(?:s|ed)?\s+(?:him|her|them)")
"""Words for a person of the case: a capitalised word after them (``la survivante Aminata``,
``victime : Fatoumata``) is a name, and a word in capitals too (``victime : TRAORE Awa``: the
surname comes first, in capitals, in the region's records), unless it is an acronym of
``ACRONYMS`` (``victime MINUSMA``, ``survivante VBG``) or the cue is in capitals itself."""

_ACRONYMS = """
eas sea seah psea pseah exas vbg gbv vsbg sgbv ast abus viol
onu un nu ong ngo ongi ongn ingo osc cso asbl
minusma monusco minusca minuss unmiss unamid minurso minujusth manul unsom amisom atmis g5
hcr unhcr unicef unfpa fnuap pam wfp oim iom oms who pnud undp ocha unops onufemmes unwomen
fao unesco unhas unmas bit ilo hcdh ohchr
cicr icrc ficr ifrc crm crbf msf irc nrc drc crs acf alima imc mdm hi sc stc wvi wv plan
cbcm cbcms pdi idp idps fds fama fdsi faca fardc mnla cma gatia police gendarmerie
cscom csref csps chu chr cms ps hgt asc relais
hct eht ihc cluster gtpe gtvbg aor dtm
fcfa cfa xof usd eur ras nb ok na nd nsp svp
"""
ACRONYMS = frozenset(_ACRONYMS.split())
"""Acronyms a note may write in capitals after a word for a person (« victime EAS », « agent
ONG », « plaignante UNICEF »): agencies, missions, forces, health centres and the network's
own words, currencies and the short words of a form (RAS, NB, NSP)."""
STREET = r"rue|avenue|boulevard|bd|porte|parcelle|villa|carr[ée]|street|road|house|door|plot"
"""A street, a door, a plot: with a number after it, an address (``rue 345``, ``porte 118``,
``house 14``), unless a place of work follows (``NOT_A_HOME``). Not ``secteur``: the sector of
a city or a mission (``secteur 2 de la MINUSMA``) is no one's address."""
NOT_A_HOME = (r"site|distribution|camp|compound|checkpoint|centre|center|bureau|office|entrep[ôo]t"
              r"|warehouse|magasin|hangar|march[ée]|market|h[ôo]pital|hospital|[ée]cole|school"
              r"|csref|cscom|times?|fois|nights?|nuits?|days?|jours?|hours?|heures?")
"""Places of work or aid after a door's or a road's number (``porte 2 du site de
distribution``, ``road 7 checkpoint``, ``house 4 of the compound``): no one's home."""
NEIGHBOURHOOD = r"quartier|hameau|fraction|village|neighbou?rhood|hamlet"
"""A place below the cercle: with a name after it (``quartier Hamdallaye``), a place too
precise for a case record."""

WORDS_AFTER_A_TITLE = """
le la les l un une des du de d au aux en et ou est a à été était sont sera ont avait qui
que qu se s sa son ses leur leurs lui elle il ils elles on ne n pas y ce cet cette ces par
pour avec sans sur sous dans chez aussi déjà bien tout tous toute très plus même mais donc
car puis si the a an of and or is was were has had have to at in on for with by from this
that his her their its our who which as be been are not no also ye bɛ ka ni ma ko kɔ fɛ
kan na ye ka ani walima maire directrice directeur président présidente adjoint adjointe
responsable coordinateur coordonnateur coordinatrice coordonnatrice médecin infirmier
infirmière chef police gendarmerie village quartier canton district commune cercle région
mosquée garde service centre
"""
FUNCTION_WORDS = frozenset(WORDS_AFTER_A_TITLE.split())
"""Words that follow a title without being a name (articles, verbs, roles, places)."""

_NOBODY = """
inconnu inconnue inconnus unknown non no none néant neant anonyme anonymous confidentiel
confidential nc nd services support assistance unit unité centre center care protection
programme program fund fonds association network réseau office bureau desk
refusé refusée refus refused withheld declined décliné déclinée voir see communiqué
mineure mineur mineurs mineures majeure majeur adulte adultes enfant enfants fille garçon
femme homme minor adult child girl boy woman man bénéficiaire bénéficiaires beneficiary
beneficiaries agent agents staff personnel employé employée employee worker volunteer
volontaire bénévole cheffe chef membre member partenaire partner enceinte pregnant déplacée
déplacé déplacées pdi idp réfugiée réfugié refugee handicapée handicapé disabled orpheline
orphelin veuve widow élève student accord accepté acceptée agreed consent consentement
isolé isolée périphérique savings loan épargne crédit xxx anonymisé anonymisée
famille family code lui-même elle-même eux-mêmes elles-mêmes himself herself themselves
connu connue connus connues known given kept secret private privé privée protected back
resté restée gardé gardée protégé protégée changé changée donné donnée mentionné mentionnée
enregistré enregistrée noté notée indiqué indiquée demandé demandée retenu retenue modifié
modifiée effacé effacée supprimé supprimée transmis transmise cité citée signalé signalée
attribué attribuée choisi choisie utilisé utilisée fourni fournie
régulièrement exactement vraiment réellement actuellement probablement souvent toujours
changed mentioned recorded redacted hidden removed noted written listed exactly regularly
really actually probably usually still already tomorrow tonight yesterday today demain hier
chaque après avant dès toutes ce shared disclosed provided communicated reported confirmed
verified partagé partagée divulgué divulguée maman papa inscrit inscrite conservé
conservée stored held taken only seulement uniquement aujourd'hui vers après-demain ensuite
entre orienté orientée orientés orientées référé référée enseignant enseignante casque
driver contractor female male adolescent adolescente oui yes survivor survivors survivante
survivantes victim victims victime victimes général générale
once twice three four five deux trois quatre cinq plusieurs several many eux tɛ dogolen
peul peule peuls peules bambara touareg touarègue touaregs songhaï songhay sonrhaï dogon
bozo sénoufo senoufo malinké malinke soninké soninke sarakolé maure maures arabe arabes
haoussa mossi minianka bwa kel tamasheq
twice again often soon later souvent parfois toujours jamais encore tard tôt bientôt
lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday
friday saturday sunday janvier février mars avril mai juin juillet août septembre octobre
novembre décembre january february march july september october november december
anonymised anonymized masqué masquée caché cachée confidentielle aucun refusee refuse
"""
NOT_A_NAME = frozenset(_NOBODY.split())
COPULAS = frozenset(("est", "sont", "était", "étaient", "is", "are", "was", "were", "also",
                     "aussi"))
"""Words between a word for a person and the name that do not end the reading (``la victime
est Awa``, ``her name is also Grace``): read past, as ``NOT_A_NAME`` is."""
"""Words after a label or a person's word that name nobody (``nom : inconnu``, ``victim
Support Unit``)."""
