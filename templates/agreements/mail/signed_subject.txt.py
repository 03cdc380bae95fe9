BBBB BBBB gettext(u'Att kontrasignera: %(municipality)s har undertecknat avtalet') SSS SSSSSSSSSSSSSS SSSSSSSSSSSSSSSS SSS SSSSSSSSSSSS SSSSSSS
