BBBB BBBBBBBBBBBBBB BBB gettext(u'Hej %(name)s!') SSS SSSSSSSSS

 gettext(u'Avtalet om Mikamottagningen, KAST och regionkoordinatorer mellan Stockholms stad och %(municipality)s är undertecknat av båda parter. Det gäller från och med %(date)s.') SSSSSSS SS SSSSSSSSSSSSSSSSS SSSS SSS SSSSSSSSSSSSSSSSSSS SSSSSS SSSSSSSSSS SSSS SSS SSSSSSSSSSSSSSSS SS SSSSSSSSSSSS SS SSSS SSSSSSS SSS SSSSSS SSSS SSS SSS SSSSSSSSS

 gettext(u'Ladda ner det undertecknade avtalet (PDF) här:') 

BBBBBBBBBBBBB
