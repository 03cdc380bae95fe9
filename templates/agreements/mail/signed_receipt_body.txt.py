BBBB BBBBBBBBBBBBBB BBB gettext(u'Hej %(name)s!') SSS SSSSSSSSS

 gettext(u'Du har undertecknat avtalet om Mikamottagningen, KAST och regionkoordinatorer för %(municipality)s.') SS SSS SSSSSSSSSSSS SSSSSSS SS SSSSSSSSSSSSSSSSS SSSS SSS SSSSSSSSSSSSSSSSSSS SSS SSSSSSSSSSSSSSSSS
 gettext(u'Dokumentets fingeravtryck (SHA-256): %(fingerprint)s') SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSS

 gettext(u'Avtalet väntar nu på Stockholms stads underskrift. Du får ett e-brev när avtalet gäller. Avtalet finns här:') 

BBBBBBBBBBBBB
