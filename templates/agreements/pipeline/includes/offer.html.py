BBBB BBBB
XXXX
  XXXX gettext(u'Kommunens invånare får ta del av insatserna vid Mikamottagningen (stöd till vuxna med erfarenhet av sex mot ersättning eller som utsatts för människohandel), KAST (stöd till personer som köper sexuella tjänster, och deras anhöriga) och regionkoordinatorerna (som följer en person som utsatts för människohandel genom ärendet). Kontakten är kostnadsfri och kan vara anonym.') XXXXX
  XXXX gettext(u'Kommunens yrkesverksamma kan vända sig till verksamheterna för fria konsultationer om målgrupp och arbetssätt.') XXXXX
  XXXX gettext(u'Utbildning för kommunens yrkesverksamma: en halvdag som erbjuds tre gånger om året, och riktade utbildningar efter särskild överenskommelse.') XXXXX
  XXXX gettext(u'En årlig träff för de deltagande kommunernas representanter, och möjlighet att ansöka om plats i styrgruppen.') XXXXX
XXXXX
