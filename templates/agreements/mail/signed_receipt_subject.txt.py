BBBB BBBB gettext(u'Kvitto: du har undertecknat avtalet för %(municipality)s') SSSSSSS SS SSS SSSSSSSSSSSS SSSSSSS SSS SSSSSSSSSSSSSSSS
