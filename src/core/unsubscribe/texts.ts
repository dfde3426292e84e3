/** What the customer reads about unsubscribing, in each language ChurnGuard writes to customers in. */
import type { UnsubscribeLanguage } from './language';

export interface UnsubscribeTexts {
  /** The footer's sentence before the link. */
  footerAsk: string;
  /** The link's words. */
  footerLink: string;
  doneTitle: string;
  /** `{email}` is replaced (escaped) with the address. */
  doneBody: string;
  invalidTitle: string;
  invalidBody: string;
  unavailableTitle: string;
  unavailableBody: string;
}

export const UNSUBSCRIBE_TEXTS: Record<UnsubscribeLanguage, UnsubscribeTexts> = {
  en: {
    footerAsk: 'Don’t want these emails?',
    footerLink: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    doneBody: '{email} will not get these emails any more.',
    invalidTitle: 'This link does not work',
    invalidBody:
      'The unsubscribe link is not valid: it may have been cut off or changed. Open the link from the email again, or reply to the email and ask to be removed.',
    unavailableTitle: 'Please try again later',
    unavailableBody:
      'We could not record your request just now. Open the link again later, or reply to the email and ask to be removed.',
  },
  ru: {
    footerAsk: 'Не хотите получать эти письма?',
    footerLink: 'Отписаться',
    doneTitle: 'Вы отписались',
    doneBody: 'На адрес {email} эти письма больше приходить не будут.',
    invalidTitle: 'Ссылка не работает',
    invalidBody:
      'Ссылка для отписки недействительна: возможно, она обрезана или изменена. Откройте ссылку из письма ещё раз или ответьте на письмо с просьбой исключить вас из рассылки.',
    unavailableTitle: 'Попробуйте позже',
    unavailableBody:
      'Сейчас не удалось сохранить ваш запрос. Откройте ссылку позже или ответьте на письмо с просьбой исключить вас из рассылки.',
  },
  kk: {
    footerAsk: 'Бұл хаттарды алғыңыз келмей ме?',
    footerLink: 'Жазылымнан бас тарту',
    doneTitle: 'Жазылымнан бас тарттыңыз',
    doneBody: '{email} мекенжайына бұл хаттар енді жіберілмейді.',
    invalidTitle: 'Сілтеме жұмыс істемейді',
    invalidBody:
      'Жазылымнан бас тарту сілтемесі жарамсыз: ол қысқартылған немесе өзгертілген болуы мүмкін. Хаттағы сілтемені қайта ашыңыз немесе хатқа жауап беріп, тізімнен шығаруды сұраңыз.',
    unavailableTitle: 'Кейінірек қайталап көріңіз',
    unavailableBody:
      'Сұрауыңызды дәл қазір сақтай алмадық. Сілтемені кейінірек ашыңыз немесе хатқа жауап беріп, тізімнен шығаруды сұраңыз.',
  },
  tr: {
    footerAsk: 'Bu e-postaları almak istemiyor musunuz?',
    footerLink: 'Abonelikten çık',
    doneTitle: 'Abonelikten çıktınız',
    doneBody: '{email} adresine bu e-postalar artık gönderilmeyecek.',
    invalidTitle: 'Bu bağlantı çalışmıyor',
    invalidBody:
      'Abonelikten çıkma bağlantısı geçerli değil: kesilmiş veya değiştirilmiş olabilir. E-postadaki bağlantıyı yeniden açın ya da e-postayı yanıtlayıp listeden çıkarılmak istediğinizi yazın.',
    unavailableTitle: 'Lütfen daha sonra tekrar deneyin',
    unavailableBody:
      'İsteğinizi şu anda kaydedemedik. Bağlantıyı daha sonra yeniden açın ya da e-postayı yanıtlayıp listeden çıkarılmak istediğinizi yazın.',
  },
  mn: {
    footerAsk: 'Эдгээр имэйлийг авахыг хүсэхгүй байна уу?',
    footerLink: 'Бүртгэлээс гарах',
    doneTitle: 'Та бүртгэлээс гарлаа',
    doneBody: '{email} хаягт эдгээр имэйл цаашид ирэхгүй.',
    invalidTitle: 'Энэ холбоос ажиллахгүй байна',
    invalidBody:
      'Бүртгэлээс гарах холбоос хүчингүй байна: тасарсан эсвэл өөрчлөгдсөн байж магадгүй. Имэйл дэх холбоосыг дахин нээнэ үү, эсвэл имэйлд хариу бичиж жагсаалтаас хасахыг хүснэ үү.',
    unavailableTitle: 'Дараа дахин оролдоно уу',
    unavailableBody:
      'Таны хүсэлтийг яг одоо бүртгэж чадсангүй. Холбоосыг дараа дахин нээнэ үү, эсвэл имэйлд хариу бичиж жагсаалтаас хасахыг хүснэ үү.',
  },
  no: {
    footerAsk: 'Vil du ikke motta disse e-postene?',
    footerLink: 'Meld deg av',
    doneTitle: 'Du er meldt av',
    doneBody: '{email} får ikke disse e-postene lenger.',
    invalidTitle: 'Denne lenken virker ikke',
    invalidBody:
      'Avmeldingslenken er ikke gyldig: den kan ha blitt kuttet av eller endret. Åpne lenken fra e-posten på nytt, eller svar på e-posten og be om å bli fjernet fra listen.',
    unavailableTitle: 'Prøv igjen senere',
    unavailableBody:
      'Vi kunne ikke registrere forespørselen din akkurat nå. Åpne lenken igjen senere, eller svar på e-posten og be om å bli fjernet fra listen.',
  },
};
