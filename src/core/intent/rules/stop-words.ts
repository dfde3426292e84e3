/**
 * Stop words per language (short function words: "и, не, что" / "және, үшін, емес" / "the, and, we" /
 * "ve, bir, için" / "og, ikke, det"), space-separated, for detectLanguage (../language.ts). They ship
 * packed with the rules (./specs.ts): only reading an email needs them, and that unpacks the rules anyway.
 */
import type { Language } from '../types';

export const STOP_WORDS: Record<Language, string> = {
  en: 'the and is are was were we you our your to of with this that please thanks thank would could will not have has be it in on as an hi hello regards best dear from can do does just',
  no: 'og ikke ikkje er det som en et ei på med til av har vi jeg eg deg dere hei takk hilsen vennlig venlig kan vil skal ønsker fra om men også vår våre oss nå når hvis dersom dette denne tak af',
  tr: 've bir bu için ile çok da de mi mı ama değil biz siz merhaba teşekkürler teşekkür lütfen olarak gibi daha ne var yok ben size bize sayın saygılarımla iyi günler hakkında',
  ru: 'и в не на что мы вы по для это как с к о от из у же бы если спасибо здравствуйте уважением но или наш наши вас нам нас добрый день просим будем',
  kk: 'және мен бұл үшін біз сіз емес жоқ бар туралы бойынша қалай рахмет сәлеметсіз бе ба біздің сіздің келесі осы сол болады керек құрметпен қайырлы',
};
