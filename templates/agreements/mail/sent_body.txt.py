BBBB BBBBBBBBBBBBBB BBB gettext(u'Hej %(name)s!') SSS SSSSSSSSS

 gettext(u'Stockholms stad har skickat avtalet om Mikamottagningen, KAST och regionkoordinatorer till %(municipality)s.') SSSSSSSSSS SSSS SSS SSSSSSS SSSSSSS SS SSSSSSSSSSSSSSSSS SSSS SSS SSSSSSSSSSSSSSSSSSS SSSS SSSSSSSSSSSSSSSSS

 gettext(u'Fyll i kommunens uppgifter i § 1, granska avtalet och underteckna här:') 

BBBBBBBBBBBBB
