BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB
XX XXXXXXXXXXXXXX gettext(u'Socialförvaltningen, Stockholms stad') XXXX gettext(u'Datum: %(date)s') SSSSSS SSSSSSSSXXXX
XXXX gettext(u'Offert till %(name)s') SSSSSS SSSS SSSSSSSSXXXXX
XXXXXXXXXXX gettext(u'Avtal om nyttjande av insatser vid Mikamottagningen, KAST och regionkoordinatorer') XXXXXXXXXXXXX
XXX gettext(u'Offerten visar vad %(name)s skulle betala om kommunen undertecknar avtalet den %(date)s. Avtalet gäller från den dag det har undertecknats av båda parter (§ 11). Kommunen kan bifoga offerten till nämndens beslut om att ansluta sig.') SSSSSSSS SSSSS SSS SSSSSSSS SSSSSS SSSSSS SS SSSSSSSS SSSSSSSSSSSS SSSSSSS SSS SSSSSSSSS SSSSSSS SSSSSS SSSS SSS SSS SSS SSS SSSSSSSSSSSSS SS SSSS SSSSSS SS SSSS SSSSSSSS SSS SSSSSS SSSSSSSS SSSS SSSSSSSS SSSSSS SS SSS SSSSSSS SSSSXXXX

XXXX gettext(u'Kostnad') XXXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB

XXXX gettext(u'Vad avtalet ger kommunen') XXXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB

XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
XXXX gettext(u'Bilaga: Kostnadsfördelning %(year)s') SSSSSSS SSSSSSSSSSSSSSSSSS SSSSSSSSXXXXX
BB BBB BBBBBBBBBBBBBBBBBBBBBXX XXXXXXXXXXXXXXXXXXXX gettext(u'Preliminär kostnadsfördelning.') XXXXXXXXX  gettext(u'Kostnadsramen för %(year)s är ännu inte fastställd: tabellen bygger på föregående års ram uppräknad med 2 %%.') SSSSSSSSSSSSS SSS SSSSSSSS SS SSSS SSSS SSSSSSSSSSS SSSSSSSS SSSSSS SS SSSSSSSSSS SSS SSS SSSSSSSSS SSS S SSSXXXXBBBBB
XXX gettext(u'Kostnaden fördelas på samtliga kommuner i länet efter befolkningen, oavsett om de har anslutit sig (§ 6).') XXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB
BBBBBBBB
