BBBB BBBBBBBBBBBBBB BBB gettext(u'Hej %(name)s!') SSS SSSSSSSSS

 gettext(u'%(municipality)s har undertecknat avtalet om Mikamottagningen, KAST och regionkoordinatorer (%(signer)s, %(title)s).') SSSSSSSSSSSSSSSS SSS SSSSSSSSSSSS SSSSSSS SS SSSSSSSSSSSSSSSSS SSSS SSS SSSSSSSSSSSSSSSSSSS SSSSSSSSSSSS SSSSSSSSSSS

 gettext(u'Avtalet väntar nu på Stockholms stads underskrift (socialdirektören). Granska och kontrasignera här:') 

BBBBBBBBBBBBB
