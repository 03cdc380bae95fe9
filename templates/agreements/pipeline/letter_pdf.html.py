BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB
XX XXXXXXXXXXXXXX gettext(u'Socialförvaltningen, Stockholms stad') XXXX gettext(u'Datum: %(date)s') SSSSSS SSSSSSSSXXXX gettext(u'Till: %(name)s, socialtjänsten') SSSSS SSSSSSSSS SSSSSSSSSSSSSSXXXX
XXXX gettext(u'Invånare från %(name)s som verksamheterna har mött') SSSSSSSS SSSS SSSSSSSS SSS SSSSSSSSSSSSSS SSS SSSSXXXXX
XXX gettext(u'Stockholms stad driver Mikamottagningen, KAST och regionkoordinatorerna för hela länet. I det gemensamma uppsökande arbetet med polisen möter verksamheterna också invånare från kommuner som inte har anslutit sig till avtalet. Därför berättar vi hur många av era invånare vi har mött.') XXXX

XXXX gettext(u'Mötta invånare %(first)s – %(last)s') SSSSS SSSSSSSS SSSSSSSSS S SSSSSSSSXXXXX
XXXXXXX
  XXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Verksamhet') XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX gettext(u'Antal personer') XXXXXXXXXXXXXXXXXX
  XXXXXXX
  BBB B BB BBBBBBXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXFFFFFFFFFXXXXXXXXXXBBBBBB
  XXXXXXXX
  XXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Summa') XXXXXXXX XXXXXXXXXXXXFFFFFFFFFXXXXXXXXXXXXXXXXXX
XXXXXXXX
BB BBB BBBBBXXX gettext(u'Verksamheterna har inte mött någon invånare från kommunen under perioden.') XXXXBBBBB
XXX gettext(u'Uppgifterna är bara antal. Ingen person kan identifieras, och vi lämnar inga andra uppgifter om dem vi har mött.') XXXX

XXXX gettext(u'Vad avtalet ger kommunen') XXXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB

XXXX gettext(u'Vad kommunen skulle betala') XXXXX
BB BBB BBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBB BBB BBB BBBBBBBBBBBBBBBBBB
XXX gettext(u'%(name)s ingår inte i befolkningsunderlaget för kostnadsfördelningen. Kommunens kostnad bestäms genom särskild överenskommelse med Stockholms stad.') SSSSSSSS SSSSS SSSS S SSSSSSSSSSSSSSSSSSSSS SSS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SSSSSSS SSSSSSS SSSSS SSSSSSSS SSSSSSSSSSSSSSS SSS SSSSSSSSSS SSSSSXXXX
BBBB BBB BBBBB
XXX gettext(u'Kostnadsramen för %(year)s är ännu inte fastställd. Kontakta oss för ett besked om kostnaden.') SSSSSSSSSSSSS SSS SSSSSSSS SS SSSS SSSS SSSSSSSSSSS SSSSSSSS SSS SSS SSS SSSSSS SS SSSSSSSSSSXXXX
BBBB
XXX gettext(u'Kommunens årsbelopp för %(year)s är %(amount)s: kommunens andel av kostnaden efter befolkningen.') SSSSSSSSS SSSSSSSSS SSS SSSSSSSS SS SSSSSSSSSSS SSSSSSSSS SSSSS SS SSSSSSSSS SSSSS SSSSSSSSSSSSSBB BBB BBBBBBBBBBBBBBBBBBBBB  gettext(u'Beloppet är preliminärt: årets kostnadsram är ännu inte fastställd.') BBBBBXXXX
XXXBB BBBBBBBBBBBBBB ngettext(u'Om kommunen undertecknar avtalet i dag, %(date)s, faktureras återstående %(counter)s tolftedel av året: %(amount)s.', u'Om kommunen undertecknar avtalet i dag, %(date)s, faktureras återstående %(counter)s tolftedelar av året: %(amount)s.', count) SS SSSSSSSS SSSSSSSSSSSS SSSSSSS S SSSS SSSSSSSSS SSSSSSSSSS SSSSSSSSSSS SSSSSSSSSSS SSSSSSSSS SS SSSSS SSSSSSSSSSSPP PPPPPPPP PPPPPPPPPPPP PPPPPPP P PPPP PPPPPPPPP PPPPPPPPPP PPPPPPPPPPP PPPPPPPPPPP PPPPPPPPPPP PP PPPPP PPPPPPPPPPPBBBB gettext(u'Om kommunen undertecknar avtalet i dag faktureras inget för i år; faktureringen börjar med årsfakturan för %(year)s.') SS SSSSSSSS SSSSSSSSSSSS SSSSSSS S SSS SSSSSSSSSS SSSSS SSS S SSS SSSSSSSSSSSSS SSSSSS SSS SSSSSSSSSSS SSS SSSSSSSSSBBBBB  gettext(u'Därefter faktureras årsbeloppet en gång per år så länge avtalet gäller.') XXXX
BBBBB

XXXX gettext(u'Vart kommunen kan vända sig') XXXXX
XXX gettext(u'Vill kommunen ansluta sig, eller veta mer om erbjudandet, hör gärna av er. Till dess hänvisas personer som söker stöd till kommunens egen socialtjänst.') XXXX
XXX gettext(u'Med vänliga hälsningar') XXXXFFFFFFFFFFFFFFFFFFFFFFFBB BBBBBBBBBBBBX BBBBBXXXX gettext(u'Socialförvaltningen, Stockholms stad') BB BBBBBBBBBBBBXXXXBBBBBBB BBBBBBBBBBBBXXXXBBBBBXXXX
BBBBBBBB
