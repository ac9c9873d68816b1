/**
 * Name pools for the synthetic case load. Each entry is one name in its usual Latin spellings
 * (the first is the most common) and, for names of Arabic-script cultures, the original script.
 * Pools are small on purpose: real caseloads repeat the same few hundred names a great deal,
 * which is what makes duplicate detection and fuzzy search expensive.
 */
export interface NameEntry {
  spellings: string[];
  script?: string;
}

export interface Culture {
  male: NameEntry[];
  female: NameEntry[];
  family: NameEntry[];
  /** Share of people with an original-script name recorded. */
  scriptShare: number;
  languages: string[];
  /** Passport number shape: letters then digits. */
  passport: [letters: number, digits: number];
}

/** 'Mohammed|Muhammad|محمد' → spellings + script (script is the part with non-Latin letters). */
const e = (s: string): NameEntry => {
  const parts = s.split('|');
  const script = parts.find((p) => /[\u0600-\u06FF]/.test(p));
  return { spellings: parts.filter((p) => p !== script), script };
};
const list = (s: string) => s.split(',').map((x) => e(x.trim()));

const ARAB_MALE = list(
  'Mohammed|Muhammad|Mohamed|Mohamad|Mohammad|Muhammed|محمد, Ahmed|Ahmad|Ahmet|أحمد, Ali|Aly|علي, Hassan|Hasan|حسن, ' +
  'Hussein|Husein|Hussain|Husayn|حسين, Omar|Umar|Omer|عمر, Mustafa|Mostafa|Moustafa|مصطفى, Khaled|Khalid|خالد, ' +
  'Youssef|Yusuf|Yousef|Youssif|يوسف, Abdullah|Abdallah|Abdulla|عبدالله, Ibrahim|Ebrahim|Brahim|إبراهيم, Karim|Kareem|كريم, ' +
  'Mahmoud|Mahmud|Mahmood|محمود, Saeed|Said|Sa\'id|سعيد, Hamza|Hamzah|حمزة, Ammar|Amar|عمار, Bilal|Belal|بلال, ' +
  'Tariq|Tarek|Tarik|طارق, Ziad|Ziyad|زياد, Walid|Waleed|وليد, Rami|Ramy|رامي, Jamal|Gamal|Djamal|جمال, Salah|Salaheddine|صلاح, Haider|Hayder|Haidar|حيدر',
);
const ARAB_FEMALE = list(
  'Fatima|Fatma|Fatimah|Fadma|فاطمة, Aisha|Aicha|Ayesha|Aysha|عائشة, Maryam|Mariam|Meryem|مريم, Zainab|Zeinab|Zaynab|زينب, ' +
  'Noor|Nour|Nur|نور, Layla|Leila|Laila|ليلى, Huda|Houda|Hoda|هدى, Rania|Ranya|رانيا, Amina|Aminah|Ameena|أمينة, ' +
  'Khadija|Khadijah|Khadidja|خديجة, Sara|Sarah|سارة, Hanan|Hanane|حنان, Rasha|رشا, Yasmin|Yasmine|Jasmin|ياسمين, Salma|Selma|سلمى, Dalia|Dalya|داليا',
);
const ARAB_FAMILY = list(
  'Al-Hassan|Alhassan|Al Hassan|الحسن, Hussein|Hussain|Husein|حسين, Abbas|Abas|عباس, Jaber|Jabir|جابر, Khalil|Khaleel|خليل, ' +
  'Saleh|Salih|صالح, Haddad|Hadad|حداد, Mansour|Mansur|Mansoor|منصور, Al-Rashid|Alrashid|Al Rasheed|الرشيد, Aziz|Azis|عزيز, ' +
  'Nasser|Naser|ناصر, Darwish|Darweesh|Derwich|درويش, Al-Masri|Almasri|El Masri|المصري, Hamdan|Hamdane|حمدان, ' +
  'Al-Jubouri|Al-Juburi|Aljboori|الجبوري, Al-Obaidi|Alobaidi|Al-Ubaidi|العبيدي, Kurdi|Kurdy|كردي, Ismail|Ismael|Esmail|إسماعيل, ' +
  'Younis|Younes|Yunus|يونس, Suleiman|Sulaiman|Slimane|سليمان, Qasim|Kassem|Kasim|قاسم, Othman|Osman|Uthman|عثمان, Barakat|بركات, Shamsi|شمسي',
);
const MAGHREB_FAMILY = list(
  'El Idrissi|Idrissi|Al-Idrisi|الإدريسي, Benali|Ben Ali|بنعلي, Alaoui|El Alaoui|العلوي, Bennani|Benani|بناني, Tazi|Tazy|التازي, ' +
  'El Amrani|Amrani|العمراني, Bouzid|Bouzide|بوزيد, Ouali|Wali|والي, Cherkaoui|Charkaoui|الشرقاوي, Berrada|برادة, Ziani|Zayani|الزياني, Haddou|حدو',
);
const AF_MALE = list(
  'Mohammad|Mohammed|Muhammad|Mohamad|محمد, Ahmad|Ahmed|احمد, Abdul|Abdol|عبدل, Hamid|Hameed|حمید, Rahim|Raheem|رحیم, ' +
  'Farid|Fareed|فرید, Jawad|Javad|جواد, Naveed|Navid|Nawid|نوید, Imran|Emran|عمران, Sajid|Sajed|ساجد, Ali|Aly|علی, Reza|Riza|رضا, ' +
  'Mahdi|Mehdi|مهدی, Hussain|Hussein|Hosein|حسین, Zabiullah|Zabihullah|ذبیح الله, Mirwais|Mir Wais|میرویس, Shafiq|Shafik|شفیق, Bashir|Basheer|بشیر',
);
const AF_FEMALE = list(
  'Farzana|Farzaneh|فرزانه, Maryam|Mariam|مریم, Shabnam|Shabnum|شبنم, Zahra|Zohra|Zahraa|زهرا, Ayesha|Aisha|عایشه, Nadia|Nadiya|نادیه, ' +
  'Fatima|Fatema|فاطمه, Parwana|Parvaneh|پروانه, Sima|Seema|سیما, Roya|Roja|رویا, Nargis|Narges|نرگس, Samira|Sameera|سمیرا',
);
const AF_FAMILY = list(
  'Ahmadi|Ahmady|احمدی, Hussaini|Hosseini|Husaini|حسینی, Rahimi|Rahemi|رحیمی, Karimi|Karemi|کریمی, Mohammadi|Muhammadi|Mohamadi|محمدی, ' +
  'Noori|Nouri|Nuri|نوری, Sultani|Soltani|سلطانی, Haidari|Heidari|Haydari|حیدری, Khan|Kahn|خان, Shah|شاه, Hussain|Hussein|حسین, ' +
  'Malik|Malick|ملک, Qureshi|Kureshi|Quraishi|قریشی, Chaudhry|Chaudhary|Choudhry|چودھری, Butt|بٹ, Rezaei|Rezai|رضایی, Jafari|Jaffari|جعفری, Sadat|سادات',
);
const NG_MALE = list('Chukwuemeka, Emeka, Oluwaseun|Oluwasegun, Chinedu|Chinedum, Adebayo|Adebayor, Abubakar|Abubakr|Aboubakar, Ibrahim|Ibraheem, Musa|Moussa, Tunde|Babatunde, Ifeanyi|Ifeanyichukwu, Yusuf|Yussuf, Samuel|Samwel, Daniel, Godwin, Kelechi, Uche|Uchechukwu');
const NG_FEMALE = list('Ngozi, Blessing, Chioma|Chiamaka, Folake|Folakemi, Aisha|Aishat|Aishatu, Fatima|Fatimah, Amaka|Ekwutosi, Funmilayo|Funmi, Grace, Precious, Joy, Adaeze|Adaora');
const NG_FAMILY = list('Okafor|Okaphor, Okonkwo, Adeyemi|Adeyemy, Ogunleye, Eze, Bello|Belo, Abubakar|Abubakr, Mohammed|Muhammad, Yusuf|Yussuf, Olawale, Nwosu|Nwosuh, Obi|Obih, Ibrahim, Okeke, Adewale, Ogbonna');
const LK_MALE = list('Tharindu, Nuwan, Kasun, Chaminda|Chamindha, Sivakumar|Shivakumar, Kumaran|Kumaaran, Mohamed|Mohammed, Ruwan, Suresh|Sureshkumar, Pradeep|Pradip, Dinesh, Rajan');
const LK_FEMALE = list('Dilani, Nirosha, Tharshini|Dharshini, Kavitha|Kavita, Nadeeka|Nadika, Shanthi|Santhi, Fathima|Fatima, Malini, Priyanka|Priyanga');
const LK_FAMILY = list('Perera, Fernando, Silva|De Silva, Jayasinghe|Jayasingha, Wickramasinghe|Wickremasinghe, Sivapalan|Sivapalam, Rajapaksa|Rajapakse, Bandara, Kumar, Ratnayake, Thambirajah|Thambiraja, Mohideen|Mohaideen');
const BR_MALE = list('João|Joao, José|Jose, Francisco, Lucas, Gabriel, Pedro, Carlos, Paulo, Rafael, Marcos|Marcus, Antônio|Antonio, Luiz|Luis');
const BR_FEMALE = list('Maria, Ana, Juliana, Fernanda, Adriana, Aline, Camila, Patrícia|Patricia, Luciana, Vanessa, Gabriela');
const BR_FAMILY = list('Silva|da Silva, Santos|dos Santos, Oliveira|Olivera, Souza|Sousa, Pereira|Pereyra, Costa, Rodrigues|Rodriguez, Almeida, Ferreira, Lima, Carvalho, Gomes');
const EC_MALE = list('José|Jose, Luis|Luiz, Carlos, Jorge, Juan, Segundo, Manuel, Diego, Byron, Wilson');
const EC_FEMALE = list('María|Maria, Rosa, Gabriela, Jessica|Jesica, Mercedes, Nancy, Alexandra, Verónica|Veronica, Diana');
const EC_FAMILY = list('Guamán|Guaman, Chimbo, Pérez|Perez, García|Garcia, Vera, Zambrano|Sambrano, Moreira, Quishpe|Quishpi, Torres, Morocho, Cedeño|Cedeno, Yánez|Yanez');
const ET_MALE = list('Abebe, Tesfaye|Tesfay, Dawit|Dawitt, Yohannes|Yohanes|Johannes, Mulugeta, Hailu|Haylu, Getachew|Getachaw, Solomon|Selomon, Biniam|Biniyam, Mohammed|Mohamed, Ahmed');
const ET_FEMALE = list('Almaz, Tigist|Tigest, Meron, Selamawit|Selam, Hiwot|Hiwet, Tsehay|Tsehai, Bethlehem|Betelhem, Genet, Aster, Feven, Hana|Hanna');
const ET_FAMILY = list('Bekele|Bekelle, Tadesse|Tadese, Girma, Haile|Hayle, Alemu, Wolde|Woldemariam, Kebede, Mekonnen|Mekonen, Gebremedhin|Gebremedin, Gebremeskel, Tesfaye, Assefa|Asefa');
const AL_MALE = list('Arben, Besnik, Ervin|Erwin, Gentian, Ilir, Klodian, Altin, Dritan, Fatmir, Mirel');
const AL_FEMALE = list('Elona, Mirela, Anila, Blerina, Entela, Fatjona, Klea, Ornela');
const AL_FAMILY = list('Hoxha|Hodja, Shehu|Sheu, Dervishi|Dervishaj, Gjoka, Leka, Çela|Cela, Krasniqi|Krasniqui, Basha, Mema, Rama');
const GE_MALE = list('Giorgi|Georgi|Gia, Davit|David, Levan, Irakli, Nikoloz|Nika, Zurab, Lasha, Tamaz');
const GE_FEMALE = list('Nino, Tamar|Tamari, Mariam|Mariami, Ketevan|Keti, Natia, Eka|Ekaterine, Salome');
const GE_FAMILY = list('Beridze, Kapanadze, Gelashvili|Gelashvily, Maisuradze, Giorgadze, Lomidze, Tsiklauri, Bolkvadze, Nozadze');
const SN_MALE = list('Mamadou|Mamadu, Moussa|Musa, Ousmane|Usman|Osman, Cheikh|Sheikh, Abdoulaye|Abdulaye, Ibrahima|Ibrahim, Modou|Modu, Aliou|Alioune');
const SN_FEMALE = list('Fatou|Fatu, Aminata|Aminatou, Awa, Mariama|Mariam, Khady|Khadi, Ndeye|Ndèye, Astou');
const SN_FAMILY = list('Diallo|Jallow, Ndiaye|N\'Diaye, Diop, Fall, Sow|Sowe, Ba|Bah, Sarr|Sar, Faye, Gueye|Gaye, Cissé|Cisse');

const arab = (family: NameEntry[], languages: string[]): Culture =>
  ({ male: ARAB_MALE, female: ARAB_FEMALE, family, scriptShare: 0.45, languages, passport: [1, 8] });

export const CULTURES: Record<string, Culture> = {
  IQ: arab(ARAB_FAMILY, ['ar', 'ku']),
  SY: arab(ARAB_FAMILY, ['ar']),
  MA: arab(MAGHREB_FAMILY, ['ar', 'fr']),
  AF: { male: AF_MALE, female: AF_FEMALE, family: AF_FAMILY, scriptShare: 0.35, languages: ['fa', 'ps'], passport: [1, 8] },
  PK: { male: AF_MALE, female: AF_FEMALE, family: AF_FAMILY, scriptShare: 0.2, languages: ['ur', 'pa'], passport: [2, 7] },
  IR: { male: AF_MALE, female: AF_FEMALE, family: AF_FAMILY, scriptShare: 0.4, languages: ['fa'], passport: [1, 8] },
  NG: { male: NG_MALE, female: NG_FEMALE, family: NG_FAMILY, scriptShare: 0, languages: ['en', 'yo', 'ig', 'ha'], passport: [1, 8] },
  LK: { male: LK_MALE, female: LK_FEMALE, family: LK_FAMILY, scriptShare: 0, languages: ['si', 'ta'], passport: [1, 7] },
  BR: { male: BR_MALE, female: BR_FEMALE, family: BR_FAMILY, scriptShare: 0, languages: ['pt'], passport: [2, 6] },
  EC: { male: EC_MALE, female: EC_FEMALE, family: EC_FAMILY, scriptShare: 0, languages: ['es', 'qu'], passport: [1, 9] },
  ET: { male: ET_MALE, female: ET_FEMALE, family: ET_FAMILY, scriptShare: 0, languages: ['am', 'om', 'ti'], passport: [2, 7] },
  AL: { male: AL_MALE, female: AL_FEMALE, family: AL_FAMILY, scriptShare: 0, languages: ['sq'], passport: [2, 7] },
  GE: { male: GE_MALE, female: GE_FEMALE, family: GE_FAMILY, scriptShare: 0, languages: ['ka', 'ru'], passport: [2, 7] },
  SN: { male: SN_MALE, female: SN_FEMALE, family: SN_FAMILY, scriptShare: 0, languages: ['fr', 'wo'], passport: [1, 8] },
};

/** Share of cases by nationality of the principal applicant. */
export const NATIONALITIES: [string, number][] = [
  ['IQ', 15], ['AF', 13], ['NG', 8], ['SY', 7], ['LK', 4], ['BR', 7], ['EC', 4], ['ET', 6],
  ['PK', 7], ['MA', 6], ['AL', 6], ['GE', 6], ['IR', 6], ['SN', 5],
];

/** Another spelling of the same name, when the name has one. */
export function otherSpelling(name: string, pick: (n: number) => number): string | null {
  for (const culture of Object.values(CULTURES)) {
    for (const entry of [...culture.male, ...culture.female, ...culture.family]) {
      if (!entry.spellings.includes(name)) continue;
      const others = entry.spellings.filter((s) => s !== name);
      return others.length ? others[pick(others.length)] : null;
    }
  }
  return null;
}
