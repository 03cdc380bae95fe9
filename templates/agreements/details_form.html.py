BBBBBBB BBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Kommunens uppgifter (§ 1)') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'%(name)s: uppgifter i § 1') SSSSSSSSS SSSSSSSSS S S SXXXXX
XX XXXXXXXXXXXXX gettext(u'Uppgifterna står i avtalet under § 1 och används på fakturorna. Alla fält utom fakturareferensen krävs. I nästa steg granskar du hela avtalet innan du undertecknar.') XXXX
XXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXX
  BBBBBBBBBB
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB
  XXXX XXXXXXXXXXXXXXXX
    XXXXXXX XXXXXXXXXXXXXX gettext(u'Spara och granska avtalet') XXXXXXXXX
    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBXX gettext(u'Avbryt') XXXX
  XXXXXX
XXXXXXX
BBBBBBBB
