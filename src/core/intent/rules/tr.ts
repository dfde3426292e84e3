/**
 * Turkish phrases. Turkish is verb-final with negation inside the verb ("iptal etmek istiyoruz" /
 * "iptal etmek istemiyoruz", "iptal etmeyeceğiz"), so verbs end in `%` and the cues look at the
 * suffix and at the next verb. The object comes before "iptal", so meetings, orders and invoices are
 * vetoed by what precedes it ("toplantıyı iptal etmemiz gerekiyor" is not churn). Dotted and dotless
 * i are folded together, so "İPTAL", "IPTAL" and "iptal" are the same word.
 */
import type { CueSpec, RuleSpec } from './compile';
import { PLAN_NAMES } from './names';

const RELATIONSHIP =
  '(?:aboneli[kğ]~|üyeli[kğ]~|sözleşme~|hesab~|hesap~|lisans~|hizmet~|paket~|kayd~|kayıt~|anlaşma~|işbirliği~)';
const EVENTS =
  'toplantı~|görüşme~|randevu~|rezervasyon~|sipariş~|fatura~|ödeme~|demo~|etkinli[kğ]~|arama~|eğitim~|sunum~|uçuş~|bilet~|ziyaret~|davet~|açık gün~|seyahat~|yenileme~|otomatik~|kart~|işlem~|webinar~|konferans~|kira~';
const ANOTHER =
  '(?:başka|farklı|diğer|alternatif|yeni|rakip|daha (?:ucuz|uygun|uygun fiyatlı|ekonomik|hesaplı))';
const VENDOR =
  '(?:sağlayıcı~|firma~|tedarikçi~|şirket~|çözüm~|platform~|servis~|yazılım~|ürün~|program~|uygulama~|sistem~|crm~)';
const ALT = `${ANOTHER} (?:bir )?${VENDOR}`;
const SEATS = '(?:lisans~|kullanıcı~|koltu[kğ]~)';

export const TR_RULES: RuleSpec[] = [
  // cancellation
  {
    intent: 'cancellation',
    weight: 0.9,
    pattern: `${RELATIONSHIP} _ iptal(?: (?:et|ed)%)?`,
    vetoAfter: `${EVENTS}|\\d+ ${SEATS}`,
  },
  {
    intent: 'cancellation',
    weight: 0.65,
    pattern: 'iptal(?: (?:et|ed)%)?',
    vetoBefore: EVENTS,
    vetoAfter: `\\d+ ${SEATS}`,
  },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern: `${RELATIONSHIP} _ (?:(?:sonlandır|feshet|kapat|durdur|bitir|sona erdir)%|fesh~)`,
    vetoAfter: EVENTS,
  },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern: 'fesih~|feshi~|fesh(?:et|ed)%',
    vetoBefore: 'kira~|iş sözleşme~',
  },
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern:
      '(?:hizmet~|ürün~|platform~|sistem~|uygulama~|yazılım~) (?:\\p{L}+ )?kullanmayı (?:bırak|durdur|kes)%|kullanmayı bırak~',
  },
  {
    intent: 'cancellation',
    weight: 0.6,
    pattern:
      'artık (?:\\p{L}+ )?(?:kullanmayacağ~|kullanmıyor~|ihtiyac~ (?:yok|kalmadı)|gerek~ (?:yok|kalmadı)|istemiyor~)',
    negative: true,
    // A module no longer used is a downgrade at most.
    vetoBefore: 'modül~|özellik~|fonksiyon~|rapor~',
  },
  {
    intent: 'cancellation',
    weight: 0.75,
    pattern:
      '(?:sizinle|firmanızla|şirketinizle) (?:olan )?(?:çalışma~|işbirliği~|iş ilişki~) (?:\\p{L}+ )?(?:sonlandır~|bitir~|durdur~|kes~)|(?:sizden|firmanızdan) ayrıl%',
  },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern:
      'iptal talebi~|iptal talep~|iptalini (?:talep|rica|istiyoruz)|iptal (?:bildirimi|dilekçe~|formu~)',
    vetoBefore: EVENTS,
  },
  {
    intent: 'cancellation',
    weight: 0.5,
    pattern: '(?:aboneli[kğ]~|üyeli[kğ]~|hesab~|hizmet~) (?:\\p{L}+ )?dondur%',
  },

  // nonRenewal
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern:
      'yenilemeyece~|yenilemiyor~|yenilemeyiz|yenilemedik|yenilememe~|uzatmayacağ~|uzatmıyor~|uzatmama~|uzatmayız',
    negative: true,
    vetoBefore: 'kira~|ofis~|sigorta~|alan ad~|domain~|pasaport~|vize~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.7,
    pattern: 'devam etmeyeceğ~|devam etmiyor~|devam etmeme~',
    negative: true,
    vetoBefore: 'sorun~|hata~|problem~|arıza~|kesinti~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern: 'devam etme(?:k|yi) (?:\\p{L}+ )?(?:istemiyor~|düşünmüyor~|planlamıyor~)',
    negative: true,
    vetoBefore: 'sorun~|hata~|problem~|arıza~|kesinti~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern:
      '(?:yenile|uzat)(?:mek|meyi|mayı|mak) (?:\\p{L}+ )?(?:istemiyor~|düşünmüyor~|planlamıyor~|niyetinde değil~)',
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.75,
    pattern: '(?:otomatik )?yenileme~ (?:\\p{L}+ )?(?:iptal~|kapat~|durdur~|devre dışı)|yenileme yapmayacağ~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      'süre~ (?:dolunca|bitince|sona erince|bittiğinde|dolduğunda) _ (?:sonlandır~|bitir~|devam etmeyece~|devam etmeme~|yenileme(?:yece|me)~)',
  },
  { intent: 'nonRenewal', weight: 0.6, pattern: 'son (?:yılımız|dönemimiz)' },
  { intent: 'cancellation', weight: 0.7, pattern: '(?:sizinle )?son ayımız' },

  // competitor
  {
    intent: 'competitor',
    weight: 0.85,
    pattern: `${ALT} _ (?:geç|taşın|yönel|anlaş|seç|git|gid|kaydır)%`,
  },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern: `${ALT} _ (?:değerlendir~|bakıyor~|bakmak~|araştır~|inceli~|incele~|test~|dene~|görüş~|teklif al~)`,
  },
  {
    intent: 'competitor',
    weight: 0.35,
    pattern: `(?:başka|farklı|alternatif|rakip|daha (?:ucuz|uygun fiyatlı|ekonomik|hesaplı)) (?:bir )?${VENDOR}`,
  },
  {
    intent: 'competitor',
    weight: 0.5,
    pattern: 'rakip(?!lerimiz|imiz|lerimizin|imizin)~',
    vetoBefore: 'bizim|kendi~',
  },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern:
      'daha (?:ucuz|uygun|iyi|avantajlı) (?:bir )?(?:alternatif~|seçene[kğ]~|teklif~)|alternatif~ (?:\\p{L}+ )?(?:arıyor~|bulduk|değerlendir~|bakıyor~|araştır~|inceli~)',
  },
  { intent: 'competitor', weight: 0.4, pattern: 'kendi (?:yazılım~|çözüm~|sistem~)' },

  // price
  {
    intent: 'price',
    weight: 0.8,
    pattern:
      '(?:çok|fazla|aşırı|oldukça|epey|gerçekten|bayağı) pahalı~|pahalı (?:geliyor|buluyor~|kaçıyor|oldu|hale geldi|gel~)|pahalıya (?:geliyor|mal oluyor|patlıyor)',
  },
  {
    intent: 'price',
    weight: 0.55,
    pattern:
      'fiyat~ (?:\\p{L}+ )?(?:yüksek~|arttı|artış~|fahiş~)|fiyat artış~|zam(?:mı|lar\\p{L}*|la|dan|ı|lı)?',
    news: true,
  },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      'bütçe~ _ (?:kesinti~|kısıt~|daral~|azal~|yetersiz~|kes~|kısıl~|aş~|yetmiyor|el vermiyor)|bütçe~ (?:dışında|üzerinde)',
  },
  {
    intent: 'price',
    weight: 0.75,
    pattern:
      '(?:maliyet~|ücret~|fiyat~) (?:\\p{L}+ )?(?:karşılayamı~|karşılayamay~|kaldıramı~|kaldıramay~|haklı çıkaramı~|haklı çıkaramay~)',
    negative: true,
  },
  {
    intent: 'price',
    weight: 0.4,
    pattern: 'indirim~|(?:maliyet~|gider~|masraf~) (?:\\p{L}+ )?(?:düşür~|azalt~|kıs~)|tasarruf~',
    vetoAfter: 'kod~|kupon~|konferans~|etkinli[kğ]~|bilet~|eğitim~|kampanya~',
  },

  // paymentDelay
  {
    intent: 'paymentDelay',
    weight: 0.85,
    pattern:
      '(?:ödeme~|fatura~|ödenme~) _ (?:ertele~|ötele~|geciktir~|sonraya (?:bırak~|at~)|kaydır~|ileri (?:bir )?tarihe (?:at~|al~)|uzat~)',
  },
  { intent: 'paymentDelay', weight: 0.45, pattern: 'ertele~', vetoBefore: EVENTS.replace('ödeme~|', '') },
  { intent: 'paymentDelay', weight: 0.8, pattern: 'taksi[td]~', firstParty: true },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      'vade~ (?:\\p{L}+ )?(?:uzat~|farkı|uzatım~|erteleme~)|ödeme (?:planı|kolaylığı|tatili|vadesi)|(?:daha )?uzun vade~',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      '(?:ödeme~|ödemesini|ödemeyi) (?:\\p{L}+ )?(?:yapamı~|yapamay~|yapamaz~|gerçekleştiremi~|gerçekleştiremey~)|ödeyemi~|ödeyemey~|ödeyemez~',
    negative: true,
    vetoAfter: 'kredi kart~|kart~ ile|online|havale ile|eft ile|sistem~|site~',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      '(?:parça parça|bölerek|bölünmüş|parçalı|kısım kısım) öde~|(?:ödeme~|tutar~|fatura~) (?:\\p{L}+ ){0,2}(?:böl~|parçala~)',
  },
  {
    intent: 'paymentDelay',
    weight: 0.5,
    pattern: '(?:daha sonra|gelecek ay|önümüzdeki ay|birkaç hafta sonra) (?:\\p{L}+ )?öde~',
  },
  {
    intent: 'paymentDelay',
    weight: 0.45,
    pattern: 'nakit (?:akış~|sıkıntı~)|(?:mali|finansal) (?:sıkıntı~|zorluk~)',
  },

  // complaint
  { intent: 'complaint', weight: 0.65, pattern: 'şikayet~|şikâyet~', firstParty: true },
  {
    intent: 'complaint',
    weight: 0.7,
    pattern: 'memnun değil~|memnun (?:kalmadı~|olmadı~|kalmıyor~)|memnuniyetsiz~|hoşnut değil~|hoşnutsuz~',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern: 'hayal kırıklığı~|kabul edilemez~|kabul edilebilir değil~|rezalet~|berbat~|felaket~|skandal~',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern:
      '(?:kimse|hiç kimse|kimseden|hiçbir) (?:\\p{L}+ )?(?:cevap|yanıt|dönüş|geri dönüş) (?:vermedi|vermiyor|yapmadı|yapmıyor|alamadık|gelmedi)|(?:cevap|yanıt|dönüş|geri dönüş) (?:alamadık|alamıyoruz|yok|verilmedi|gelmedi|vermiyorsunuz)',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.45,
    pattern:
      '(?:üçüncü|dördüncü|beşinci|kaçıncı) (?:kez|defa|kere)|(?:defalarca|tekrar tekrar|sürekli|yine|hâlâ|her gün) (?:\\p{L}+ )?(?:çalışmıyor|sorun~|hata~|çöküyor|bozuk~|arıza~|kesinti~)',
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      '(?:kötü|yetersiz|berbat|zayıf) (?:\\p{L}+ )?(?:hizmet~|deste[kğ]~|kalite~|performans~)|(?:hizmet|destek) kalitesi (?:\\p{L}+ )?(?:düş~|kötü~)',
  },
  {
    intent: 'complaint',
    weight: 0.3,
    pattern: 'çalışmıyor|çalışmaz (?:durumda|hale geldi)',
    negative: true,
    vetoBefore: 'link~|bağlantı~|şifre~|kod~|yazıcı~|telefon~',
  },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern: '(?:sabr~|sabır~) (?:taştı|kalmadı|tükendi)|bıktık|bezdik|güven~ (?:kaybet~|kalmadı|sarsıldı)',
  },

  // downgrade
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      '(?:daha )?(?:ucuz|küçük|düşük|temel|başlangıç|ekonomik|basit|alt) (?:bir )?(?:paket~|plan~|tarife~|sürüm~|seviye~)',
  },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: '(?:paket~|plan~|tarife~|aboneli[kğ]~) (?:\\p{L}+ )?(?:düşür~|küçült~|indir~)',
  },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: `${SEATS} _ (?:azalt~|düşür~|indir~)|daha az ${SEATS}`,
  },

  // expansion
  {
    intent: 'expansion',
    weight: 0.7,
    pattern: `(?:(?:ek|ilave|fazladan|daha fazla) |\\d+ (?:(?:ek|yeni|adet|ilave) )?)${SEATS}`,
    vetoBefore: 'yerine|sadece|yalnızca',
    vetoAfter: 'kaldır~|azalt~|düşür~|yerine',
  },
  { intent: 'expansion', weight: 0.8, pattern: `${SEATS} (?:\\p{L}+ )?(?:ekle~|satın al~|arttır~|artır~)` },
  {
    intent: 'expansion',
    weight: 0.75,
    pattern:
      '(?:paket~|plan~|aboneli[kğ]~) (?:\\p{L}+ )?(?:yükselt~|büyüt~|genişlet~)|(?:kurumsal|enterprise|premium|pro|üst) (?:pakete|plana|sürüme)',
  },
  {
    intent: 'expansion',
    weight: 0.5,
    pattern: 'yeni (?:bir )?(?:eki[pb]~|departman~|şube~|ofis~|mağaza~|klini[kğ]~|otel~|bölge~)',
  },
];

const MONTHS = '(?:ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık)';

/** Phrases that generalise a kind rather than one wording: named products, price as a reason, indirect ways to say it. */
TR_RULES.push(
  // A named product with its apostrophe suffix before an ordinary verb: "HubSpot'a geçiyoruz".
  {
    intent: 'competitor',
    weight: 0.8,
    pattern: "@'(?:y?[ae]|n[ae]) (?:\\p{L}+ )?(?:geç|taşın|taşı|göç|yönel)%",
  },
  {
    intent: 'competitor',
    weight: 0.75,
    pattern: '@ ile (?:\\p{L}+ )?(?:devam|çalış|anlaş|ilerle|sözleşme imzala)~',
  },
  {
    intent: 'competitor',
    weight: 0.65,
    pattern:
      "@'(?:[iu]|y[iu]|n[iu]) (?:de |da )?(?:seçtik|seçiyoruz|deniyoruz|test ediyoruz|değerlendiriyoruz)",
  },
  { intent: 'competitor', weight: 0.6, pattern: "@'[dt][ae]n (?:\\p{L}+ ){0,4}teklif~" },
  {
    intent: 'competitor',
    weight: 0.6,
    pattern: '(?:daha )?ucuzunu bulduk|başka (?:bir )?yerde (?:\\p{L}+ ){0,2}ucuz~',
  },
  { intent: 'complaint', weight: 0.55, pattern: 'ne kadar (?:daha )?bekle~' },
  // Price as the reason: "bu fiyatla devam edemeyiz", "%40 daha ucuza". A negation after it
  // belongs to the other verb, so none is read.
  {
    intent: 'price',
    weight: 0.65,
    negative: true,
    pattern:
      '(?:bu|o|yeni|şu|mevcut) fiyat(?:la|a|lar(?:la|a))|\\u0025 ?\\d+ (?:daha )?ucuz~|\\d+ ?\\u0025 (?:daha )?ucuz~|fiyat~ (?:\\p{L}+ )?yarısına|iki kat (?:\\p{L}+ )?öde~|bütçe~ (?:\\p{L}+ )?(?:çok )?kısıtlı|harcama~ (?:\\p{L}+ )?dondur~|fiyat~ (?:artık )?kendini (?:karşılamıyor|amorti etmiyor)|fiyat~ (?:\\p{L}+ )?(?:hiç )?memnun değil~|en ucuz paket~',
  },
  // Indirect wording.
  {
    intent: 'complaint',
    weight: 0.6,
    pattern: 'bu şekilde (?:çalışamıyoruz|çalışamayız|devam edemeyiz)|böyle çalışamayız',
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern: 'devam etme(?:k|yi|ye)? (?:\\p{L}+ )?niyet~ (?:\\p{L}+ )?(?:yok|olmadığ~|değil~)',
    negative: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.7,
    pattern: `ödeme~ (?:\\p{L}+ ){0,3}gecik~|(?:ödemeyi|ödemesini) geciktir~|${MONTHS}(?:ta|te|da|de) öde~|ek vade`,
  },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      "(?:lite|başlangıç|temel|basic|starter|ekonomik|en ucuz)(?:'?[ae])? pakete? (?:\\p{L}+ )?(?:geç|in|al|düşür)~|(?:paket~|plan~) in(?:mek|meyi|eceğ~|iyor~)|\\d+ lisans~ (?:\\p{L}+ )?kaldır~|\\d+ yerine \\d+ (?:kullanıcı|lisans)~",
  },
  // "Şikâyet etmek istemem ama …" announces a complaint.
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      '(?:şikayet~|şikâyet~|laf olsun diye) (?:\\p{L}+ ){0,3}(?:istemem|istemiyorum|söylemiyorum|istemezdim),? (?:ama|ancak|fakat)',
    negative: true,
  },
);

export const TR_CUES: CueSpec = {
  negators: 'asla|hiçbir şekilde|hiçbir zaman',
  negatedBy:
    'istemiyor~|istemeyiz|istemem|düşünmüyor~|planlamıyor~|niyet~ (?:\\p{L}+ )?(?:yok|değil~)|niyetinde değil~|değil~|yok|söz konusu değil~|gerek yok|gerekmiyor|etmeyeceğ~|etmiyor~|etmeyiz',
  negativeTail:
    'm[ıiuü]yor|m[ae]y[ae]c[ae][kğ]|m[ae]y[ıi]z|m[ae]z(?!s)|m[ae]d[ıiuü]|m[ae]m[ae]l[ıi]|m[ae]m$|m[ae]s[ıi]n',
  hedges: 'belki|muhtemelen|büyük ihtimalle|galiba|sanırım',
  hedgesAfter:
    'düşünüyor~|düşünmekte~|değerlendiriyor~|olabilir~|olası~|ihtimal~|gerekebilir|zorunda kalabilir~|belki',
  hedgeTail: '[y]?[ea]bil',
  conditions:
    'eğer|şayet|aksi (?:takdirde|halde)|yoksa|durumunda|halinde|\\p{L}{2,}(?:[aeıioöuü]rs[ae]|[mz]s[ae]|ys[ae])',
  conditionsAfter: 'eğer|şayet|aksi (?:takdirde|halde)|yoksa|sürece',
  polite:
    'mümkünse|mümkün ise|rica etsem|uygunsa|sorunuz olursa|sorunuz varsa|bir sorunuz olursa|gerekirse|isterseniz',
  contrast: 'ama|fakat|ancak|lakin|ve|çünkü|bu yüzden|bu nedenle|yine de|oysa',
  // A negative finite verb: -mıyor, -meyecek, -mez, -medi, -memiş ("düşürmeyeceğiz", "düşünmüyoruz").
  negativeWord: 'm[ıiuü]yor~|m[ae]y[ae]c[ae][kğ]~|m[ae]y[ıi]z|m[ae]z|m[ae]d[ıiuü]~|m[ae]m[ıi]ş~|^değil~|^yok',
  // The -sa/-se conditional with a person ending: "iptal edersek", "karar verirsek", "gerekirse".
  // Only after a tense or negation base (-ar/-er, -maz, -acak, -dı, -yor, -y), so "yüksek" is no "if".
  conditionalWord:
    '\\p{L}+(?:[aeıiouü]r|m[ae]z|[ae]c[ae]k|d[ıiuü]|yor|y)s[ae](?:m|n|k|n[ıi]z|l[ae]r)?|^etse(?:m|k|niz|ler)?|^olsa(?:m|k|nız|lar)?',
  hearsay: 'duydu~|duyduk|duydum|söylenti~|söyledi|doğru mu|aslı var mı|gerçek mi|okudum|okuduk',
  thirdParty:
    'misafir~|müşterimiz|müşterilerimiz|müşteriler~|bir müşteri|turist~|konu[kğ]~|ziyaretçi~|yorumcu~|yolcu~',
  notProducts: `${PLAN_NAMES}|temel|başlangıç|${MONTHS}|pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar|nimbus`,
};
