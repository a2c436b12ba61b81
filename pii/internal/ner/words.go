package ner

// builtinWords are the short closed lists the recogniser needs besides the
// generated gazetteers: function words, honorifics, name particles,
// calendar words and the street vocabulary of the address shapes. They
// are read once by loadLexicon and never changed.
var builtinWords = map[lex]string{
	lexStop: `a an the and or but nor so yet if then than that this these those
		i me my mine we us our ours you your yours he him his she her hers it its they them
		their theirs who whom whose which what when where why how
		is am are was were be been being do does did done have has had having
		would shall should could might must ought
		of in on at to from by for with without about above below over under into onto
		upon off out up down through across after before since until till via per
		not no yes all any some each every both either neither none one
		also just only very too here there now again ever never always
		im i'm i'd i'll i've you're we're they're it's he's she's that's there's
		don't doesn't didn't can't won't isn't aren't wasn't weren't
		oh ok okay lol lmao omg rt yo hey hi hello dear thanks thank please
		as like unlike because while though although whether`,

	// Honorifics: whatever follows is a name, even an ordinary word
	// ("Mr. Green").
	lexTitle: `mr mrs ms miss mx dr prof sir dame madam madame mme mlle
		herr frau fräulein monsieur mister missus messrs
		sr sra srta señor señora señorita doña
		sig signor signora signorina pan pani hr fru mevrouw meneer dhr mevr`,

	// Ranks and relations: a hint of a name after them, and no more
	// ("the Princess Royal", "Father Christmas").
	lexRank: `professor lord lady rev reverend fr father sister brother
		capt captain col colonel gen general lt sgt sergeant cmdr commander
		det detective insp inspector officer sen senator rep gov governor
		pres president judge justice don dom
		king queen prince princess duke duchess earl baron baroness
		uncle aunt auntie coach chef
		commissioner minister chancellor mayor ambassador secretary pastor bishop
		cardinal pope rabbi imam sheikh dj mc lil`,

	lexParticle: `van von der den de da di del della dello degli des du la le
		dos das do ter ten bin binti bint ibn al el y e zu af av`,

	lexDate: `january february march april may june july august september
		october november december jan feb mar apr jun jul aug sep sept oct nov dec
		monday tuesday wednesday thursday friday saturday sunday
		mon tue tues wed thu thur thurs fri sat sun
		today tomorrow yesterday tonight christmas easter`,

	// Faiths and peoples, which the language names of countries-list do
	// not cover.
	lexNRP: `jewish jews jew christian christians muslim muslims buddhist buddhists
		hindu hindus sikh sikhs catholic catholics protestant protestants mormon mormons
		arab arabs latino latina latinos latinas hispanic hispanics
		asian asians african africans european europeans american americans
		canadian canadians australian australians mexican mexicans indian indians
		chinese japanese korean koreans russian russians israeli israelis
		palestinian palestinians iranian iranians iraqi iraqis syrian syrians
		nigerian nigerians kenyan kenyans brazilian brazilians irish scottish welsh
		british english french german germans italian italians spanish dutch polish
		swedish danish norwegian finnish greek turkish ukrainian`,

	lexNotName: `god jesus christ allah bible church
		hey hi hello dear thanks ok okay yes no lol omg wow yay
		mom mum dad mama papa mommy daddy grandma grandpa baby babe
		english french german spanish italian dutch polish swedish danish
		american british european asian african canadian australian
		north south east west northern southern eastern western
		new old great big little upper lower central
		inc ltd llc corp co company group bank university college school
		hospital hotel airport station street road avenue`,

	lexCityAbbr: `nyc la sf dc atl nola phx hk kl sg bkk cdmx`,

	lexZipCue: `zip zipcode postcode postal plz cep`,

	cueNameNoun: `name surname names`,
	cueIsWas:    `is was`,
	cueIntro:    `named called signed sincerely regards name surname`,
	cueColon: `name surname patient customer contact from to attn author by client
		employee applicant student user`,
	cueImIam: `i'm im`,
	cuePersonPrev: `dear hi hello hey thanks congrats congratulations cc attn meet met ask
		tell told call text email with by starring featuring feat ft and married love miss
		sister brother mother father wife husband son daughter friend boyfriend girlfriend
		coach producer director author actor actress singer player president ceo founder
		member`,
	cuePersonNext: `said says told asked wrote writes explained replied added tweeted posted
		thinks believes wants loves likes hates died married smiled laughed jr sr phd md
		himself herself who shouted yelled whispered cried spent lives lived grew works
		worked studied graduated retired resigned`,
	cueBornA:   `born married a an`,
	cueWhoAged: `who aged age jr sr`,
	cuePrepIn:  `in from`,
	cuePrepTo:  `to at`,
	cueMoveVerb: `live lives living lived born moved move moving relocated raised based
		located headquartered flew fly flying travel traveled travelled traveling
		travelling trip arrived arrive stay staying stayed vacation holiday went going
		headed heading welcome come comes came here back visit native originally anywhere
		somewhere city office offices weather rain snow`,
	cueArrive: `arrived arrive arriving landed stopped stationed lives live`,
	cueOfPlace: `city town village state province capital country republic kingdom
		streets people outskirts suburbs`,
	cueNearPrep: `visit visited visiting visits near outside around across throughout
		towards toward via`,
	cuePlaceNext: `city county province state area airport downtown`,
	cueOrg: `inc llc ltd llp plc corp corporation co company group gmbh ag sa bv nv oy ab
		as spa srl partners associates consulting investments holdings capital ventures
		industries technologies technology systems solutions labs software media studios
		studio records entertainment foundation institute university college school academy
		hospital clinic bank insurance airlines airways motors energy services
		international global orchestra band fc club united hotel restaurant cafe café bar
		press news times magazine agency brothers bros enterprises trust pharmaceuticals
		pharma networks communications electronics foods`,
	cueOrgAnd: `sons son co company partners associates`,
	cueDet:    `a an the this that these those some any every each another no your our their`,
	cueVs:     `vs v versus against`,

	lexUnit: `apt apartment suite ste unit flat fl floor room rm bldg building
		dept lot box po pob postbox`,

	lexBox: `psc usns uss usnv uscgc p po pob postbox box apt apartment suite ste
		flat unit`,

	// Street types that follow the name, as written or abbreviated by
	// postal services in English-speaking countries; the generated list
	// adds the long forms faker knows.
	lexStreet: `st street ave av avenue rd road blvd boulevard ln lane dr drive
		ct court pl place sq square ter terr terrace pkwy parkway hwy highway
		cir circle trl trail way cres crescent cl close gr grove pde parade
		expy expressway fwy freeway plz plaza aly alley bnd bend cv cove
		xing crossing mnr manor pt point rdg ridge vw view walk wy`,

	// Street words of other languages, written after the name and often
	// in lower case: "Trenerys gate 232", "Erzsébet tér 19".
	lexStreetWord: `str gate gata gaten vei veien vej gade straße strasse weg utca út útja
		tér körút krt ulica iela gatve katu tie allee platz laan straat`,

	// Street types that precede the name in Romance, Slavic, Greek and
	// other languages: "rue de la Paix", "Via Roma", "ul. Długa".
	lexStreetPre: `rue avenue av bd boulevard chemin allée allee impasse quai route
		place square cours passage sentier
		via viale piazza piazzale corso largo vicolo strada contrada borgo
		calle avenida avda paseo plaza carrera camino carretera ronda travesía
		rua travessa praça praca alameda estrada largo rodovia
		ul ulica al aleja os osiedle pl plac
		str strada bulevardul calea aleea bd-ul
		odos οδός λεωφόρος οδος leoforos
		улица ул проспект пр площадь пл переулок пер шоссе бульвар
		utca út tér körút`,
}

// streetEndings are the endings of one-word street names in Germanic,
// Nordic, Baltic, Finnish and Hungarian usage ("Hauptstraße",
// "Søndergade", "Kiannonkatu"). They only count when a house number
// follows.
var streetEndings = []string{
	"straße", "strasse", "str", "gasse", "weg", "platz", "allee", "damm", "ufer",
	"ring", "steig", "pfad", "chaussee", "markt", "hof",
	"straat", "laan", "gracht", "plein", "kade", "dreef", "singel", "steeg", "wei",
	"gade", "vej", "vænget", "stræde", "torv", "allé",
	"gatan", "gata", "vägen", "väg", "gränd", "torget", "stigen",
	"veien", "vegen", "gaten", "gata", "stræti", "braut", "vegur", "tún",
	"katu", "tie", "kuja", "polku", "kaari", "raitti", "väylä", "tori",
	"iela", "gatve", "tänav", "maantee",
	"utca", "útja", "körút", "ulica", "ulice", "cesta",
}
