BBBBBBB BBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Skicka avtalet') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Skicka avtalet till %(name)s?') SSSSSS SSSSSSS SSSS SSSSSSSSSXXXXX
BB BBBBBBBBBB
XXX gettext(u'Kommunens kontakter får ett e-brev med en länk till avtalet. De fyller i § 1, granskar och undertecknar. Efter att avtalet har skickats kan det inte ändras, bara återkallas.') XXXX
XXXX gettext(u'Mottagare') XXXXX
XXXXBBB B BB BBBBBBBBBBXXXX XXXXXXXXXXXXXBBBBBBXXXXX
XXXXX XXXXXXXXXXXXXX
  BBBBBBBBBB
  XXXX XXXXXXXXXXXXXXXX
    XXXXXXX XXXXXXXXXXXXXX gettext(u'Skicka avtalet') XXXXXXXXX
    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBXX gettext(u'Avbryt') XXXX
  XXXXXX
XXXXXXX
BBBB
XX XXXXXXXXXXXXXX gettext(u'%(name)s har ingen kommunkontakt med e-post. Lägg till en under Användare först.') SSSSSSSS SSS SSSSS SSSSSSSSSSSSS SSS SSSSSSS SSSS SSSS SS SSSSS SSSSSSSSS SSSSSSXXXX
XXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBXX gettext(u'Tillbaka till avtalet') XXXXXXXX
BBBBB
BBBBBBBB
