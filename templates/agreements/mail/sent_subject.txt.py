BBBB BBBB gettext(u'Avtal att underteckna: %(municipality)s') SSSSS SSS SSSSSSSSSSSS SSSSSSSSSSSSSSSS
