BBBB BBBB
BB BBBBBBBBBBBBBBBBB BBB BBBBBBBBBBBBBBBBBB
XX XXXXXXXXXXXXXXXXXXXX gettext(u'Preliminära belopp.') XXXXXXXXX  gettext(u'Kostnadsramen är ännu inte fastställd för alla år i offerten. Beloppen bygger på föregående års ram uppräknad med 2 %% och kan ändras när ramen fastställs.') XXXX
BBBBB
BB BBB BBBBBBBBBBBBBBBBBB
XXX gettext(u'%(name)s ingår inte i befolkningsunderlaget för kostnadsfördelningen. Kommunens kostnad bestäms genom särskild överenskommelse med Stockholms stad.') SSSSSSSS SSSSS SSSS S SSSSSSSSSSSSSSSSSSSSS SSS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SSSSSSS SSSSSSS SSSSS SSSSSSSS SSSSSSSSSSSSSSS SSS SSSSSSSSSS SSSSSXXXX
BBBB
XXXXXX XXXXXXXXXXXXXXXXXXXXXX
  XXXXXXXXX gettext(u'Om %(name)s undertecknar avtalet den %(date)s') SS SSSSSSSS SSSSSSSSSSSS SSSSSSS SSS SSSSSSSSXXXXXXXXXX
  XXXXXXXXXXX
    XXX XXXXXXXXXXXX gettext(u'Faktura') XXXXX
    XXX XXXXXXXXXXXX gettext(u'Underlag') XXXXX
    XXX XXXXXXXXXXX XXXXXXXXXXXX gettext(u'Belopp') XXXXX
  XXXXXXXXXXXXX
  XXXXXXX
    XXXX
      XXX XXXXXXXXXXXX gettext(u'Första faktura %(year)s') SSSSSS SSSSSSS SSSSSSSSXXXXX
      BB BBBBBBBBBBBBBB
      XXXX ngettext(u'%(counter)s tolftedel (från och med %(month)s) av årsbeloppet %(annual)s för %(year)s', u'%(counter)s tolftedelar (från och med %(month)s) av årsbeloppet %(annual)s för %(year)s', count) SSSSSSSSSSS SSSSSSSSS SSSSS SSS SSS SSSSSSSSSS SS SSSSSSSSSSS SSSSSSSSSS SSS SSSSSSSSPPPPPPPPPPP PPPPPPPPPPP PPPPP PPP PPP PPPPPPPPPP PP PPPPPPPPPPP PPPPPPPPPP PPP PPPPPPPPXXXXX
      XXX XXXXXXXXXXXXFFXXXXX
      BBBB
      XXXX gettext(u'Avtalet tecknas under senare hälften av december: ingen faktura för året. Faktureringen börjar med årsfakturan för %(year)s.') SSSSSSS SSSSSSS SSSSS SSSSSS SSSSSSS SS SSSSSSSSS SSSSS SSSSSSS SSS SSSSS SSSSSSSSSSSSS SSSSSS SSS SSSSSSSSSSS SSS SSSSSSSSSXXXXX
      XXX XXXXXXXXXXXXFFXXXXX
      BBBBB
    XXXXX
    XXXX
      XXX XXXXXXXXXXXX gettext(u'Årsfaktura %(year)s') SSSSSSSSSS SSSSSSSSXXXXX
      XXXX gettext(u'Helt årsbelopp enligt kostnadsfördelningen %(year)s') SSSS SSSSSSSSS SSSSSS SSSSSSSSSSSSSSSSSSSS SSSSSSSSBB BBB BBBBBBBBBBBBBBBBBBBBBBBBBB X gettext(u'preliminärt') XBBBBBXXXXX
      XXX XXXXXXXXXXXXFFXXXXX
    XXXXX
  XXXXXXXX
XXXXXXXX
XXX gettext(u'Om avtalet tecknas under året faktureras återstående tolftedelar av året, från och med månaden efter om det tecknas under senare hälften av en månad. Därefter faktureras årsbeloppet en gång per år så länge avtalet gäller. Betalning 30 dagar efter erhållen faktura. Kostnaden återbetalas inte vid uppsägning under pågående avtalsår (§ 6).') XXXX
BBBBB
