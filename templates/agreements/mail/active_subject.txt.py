BBBB BBBB gettext(u'Avtalet med %(municipality)s är undertecknat och gäller') SSSSSSS SSS SSSSSSSSSSSSSSSS SS SSSSSSSSSSSS SSS SSSSSS
