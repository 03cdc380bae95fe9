BBBBBBB BBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Verifiera ett avtal') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Verifiera ett avtal') XXXXX
XX XXXXXXXXXXXXX gettext(u'Kontrollera att ett avtal om Mikamottagningen, KAST och regionkoordinatorer är undertecknat av båda parter i kommunavtal. Klistra in fingeravtrycket som står längst ned på varje sida i avtalet, eller ladda upp PDF-filen.') XXXX

BB BBBBBBBB
XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX
  XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Resultat') XXXXX
  BB BBBBBBB
    BBB B BB BBBBBBB
    XX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'Ja. Det här är ett avtal som är undertecknat av båda parter i kommunavtal: avtalet mellan Stockholms stad och %(name)s, undertecknat %(date)s.') SSS SSS SSS SS SSS SSSSS SSS SS SSSSSSSSSSSS SS SSSS SSSSSS S SSSSSSSSSSSS SSSSSSS SSSSSS SSSSSSSSSS SSSS SSS SSSSSSSSS SSSSSSSSSSSS SSSSSSSSSXXXX
    BBBBBB
  BBBB
    XX XXXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Nej. Fingeravtrycket hör inte till något avtal som är undertecknat av båda parter i kommunavtal. Kontrollera att du har kopierat hela fingeravtrycket eller laddat upp rätt fil, oförändrad.') XXXX
  BBBBB
  XXX gettext(u'Kontrollerat fingeravtryck (SHA-256):')  XXXXXXXXXXXXXXXXX
XXXXXXXXXX
BBBBB

XXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXX
  BBBBBBBBBB
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Verifiera') XXXXXXXXXXXXXXX
XXXXXXX
BBBBBBBB
