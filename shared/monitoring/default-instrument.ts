import type { Definition, Dimension, Localized, Question } from '../schemas/monitoring.js';

/**
 * The built-in instrument, modelled on the public description of IOM's Reintegration
 * Sustainability Survey (IOM, 2017, MEASURE research: 15 field-tested indicators across the
 * economic, social and psychosocial dimensions, scored). The wording, scales and weights here are
 * Homeward's, not IOM's (IOM's are in its handbook annex and are not reproduced): the weights are
 * provisional, set by Homeward for the programme to revise (`provisionalWeights`).
 */
export const DEFAULT_INSTRUMENT_KEY = 'reintegration_sustainability';
export const DEFAULT_INSTRUMENT_NAME = 'Reintegration sustainability survey';

const L = (en: string, fr: string, es: string, ar: string): Localized => ({ en, fr, es, ar });
const YES = L('Yes', 'Oui', 'Sí', 'نعم');
const NO = L('No', 'Non', 'No', 'لا');
/** A yes/no question, scored 1 for the answer that speaks of sustainability. */
const yesNo = (key: string, label: Localized, yesIsGood: boolean): Question => ({
  key, type: 'yes_no', label, bands: [],
  options: [{ key: 'yes', label: YES, score: yesIsGood ? 1 : 0 }, { key: 'no', label: NO, score: yesIsGood ? 0 : 1 }],
});
/** A four-step frequency or satisfaction scale, from best (1) to worst (0). */
const scale = (key: string, label: Localized, steps: [Localized, Localized, Localized, Localized]): Question => ({
  key, type: 'single_choice', label, bands: [],
  options: steps.map((s, i) => ({ key: ['s3', 's2', 's1', 's0'][i]!, label: s, score: [1, 0.6667, 0.3333, 0][i]! })),
});
const ALWAYS = L('Always', 'Toujours', 'Siempre', 'دائمًا');
const OFTEN = L('Often', 'Souvent', 'A menudo', 'غالبًا');
const SOMETIMES = L('Sometimes', 'Parfois', 'A veces', 'أحيانًا');
const NEVER = L('Never', 'Jamais', 'Nunca', 'أبدًا');
const GOOD = L('Very good', 'Très bon', 'Muy bueno', 'جيد جدًا');
const FAIR = L('Good', 'Bon', 'Bueno', 'جيد');
const POOR = L('Poor', 'Médiocre', 'Deficiente', 'ضعيف');
const VERY_POOR = L('Very poor or none', 'Très mauvais ou inexistant', 'Muy deficiente o ninguno', 'ضعيف جدًا أو معدوم');

const questions: Question[] = [
  // Economic
  {
    key: 'income_sources', type: 'multi_choice', bands: [],
    label: L('Which sources of income does the household have?', 'Quelles sources de revenus le ménage a-t-il ?', '¿Qué fuentes de ingresos tiene el hogar?', 'ما مصادر دخل الأسرة؟'),
    options: [
      { key: 'work', label: L('Paid work or own business', 'Travail rémunéré ou entreprise', 'Trabajo remunerado o negocio propio', 'عمل مأجور أو مشروع خاص'), score: 0.5 },
      { key: 'farming', label: L('Farming or livestock', 'Agriculture ou élevage', 'Agricultura o ganadería', 'الزراعة أو تربية المواشي'), score: 0.25 },
      { key: 'remittances', label: L('Money from relatives', 'Argent de proches', 'Dinero de familiares', 'أموال من الأقارب'), score: 0.25 },
      { key: 'assistance', label: L('Aid or social benefits', 'Aide ou prestations sociales', 'Ayuda o prestaciones sociales', 'مساعدات أو إعانات اجتماعية'), score: 0.25 },
      { key: 'none', label: L('None', 'Aucune', 'Ninguna', 'لا يوجد'), score: 0 },
    ],
  },
  yesNo('employed', L('Do you currently work (employed or self-employed)?', 'Travaillez-vous actuellement (salarié ou indépendant) ?', '¿Trabaja actualmente (por cuenta ajena o propia)?', 'هل تعمل حاليًا (موظفًا أو لحسابك الخاص)؟'), true),
  {
    key: 'work_months', type: 'number', options: [],
    label: L('How many of the last 6 months did you work?', 'Combien des 6 derniers mois avez-vous travaillé ?', '¿Cuántos de los últimos 6 meses trabajó?', 'كم شهرًا عملت من الأشهر الستة الماضية؟'),
    bands: [{ min: 0, max: 1, score: 0 }, { min: 1, max: 3, score: 0.3333 }, { min: 3, max: 6, score: 0.6667 }, { min: 6, max: 7, score: 1 }],
  },
  {
    key: 'debt', type: 'single_choice', bands: [],
    label: L('How does the household manage its debts?', 'Comment le ménage fait-il face à ses dettes ?', '¿Cómo maneja el hogar sus deudas?', 'كيف تتعامل الأسرة مع ديونها؟'),
    options: [
      { key: 'none', label: L('No debt', 'Aucune dette', 'Sin deudas', 'لا ديون'), score: 1 },
      { key: 'manageable', label: L('Debt it can repay', 'Dettes remboursables', 'Deudas que puede pagar', 'ديون يمكن سدادها'), score: 0.5 },
      { key: 'unmanageable', label: L('Debt it cannot repay', 'Dettes impossibles à rembourser', 'Deudas que no puede pagar', 'ديون لا يمكن سدادها'), score: 0 },
    ],
  },
  scale('food', L('How often did the household have enough to eat last month?', 'Le mois dernier, le ménage a-t-il eu assez à manger ?', 'El mes pasado, ¿con qué frecuencia tuvo el hogar suficiente para comer?', 'كم مرة كان لدى الأسرة ما يكفي من الطعام في الشهر الماضي؟'), [ALWAYS, OFTEN, SOMETIMES, NEVER]),
  yesNo('assets', L('Does the household own or have use of productive assets (land, tools, livestock, premises)?', 'Le ménage possède-t-il ou utilise-t-il des biens productifs (terre, outils, bétail, local) ?', '¿El hogar posee o usa bienes productivos (tierra, herramientas, ganado, local)?', 'هل تملك الأسرة أو تستخدم أصولًا إنتاجية (أرض، أدوات، مواشٍ، محل)؟'), true),
  // Social
  scale('housing', L('How would you rate your housing?', 'Comment jugez-vous votre logement ?', '¿Cómo valora su vivienda?', 'كيف تقيّم مسكنك؟'), [GOOD, FAIR, POOR, VERY_POOR]),
  yesNo('housing_secure', L('Can you stay in your housing for the next six months?', 'Pouvez-vous rester dans votre logement les six prochains mois ?', '¿Puede quedarse en su vivienda los próximos seis meses?', 'هل يمكنك البقاء في مسكنك خلال الأشهر الستة القادمة؟'), true),
  scale('services', L('How is your access to health care, water and other public services?', 'Comment est votre accès aux soins, à l’eau et aux autres services publics ?', '¿Cómo es su acceso a la salud, el agua y otros servicios públicos?', 'كيف هو وصولك إلى الرعاية الصحية والمياه والخدمات العامة الأخرى؟'), [GOOD, FAIR, POOR, VERY_POOR]),
  yesNo('documents', L('Do you have an identity document valid in your country?', 'Avez-vous une pièce d’identité valide dans votre pays ?', '¿Tiene un documento de identidad válido en su país?', 'هل لديك وثيقة هوية سارية في بلدك؟'), true),
  {
    key: 'children_school', type: 'single_choice', bands: [],
    label: L('Do the school-age children of the household go to school?', 'Les enfants d’âge scolaire du ménage vont-ils à l’école ?', '¿Van a la escuela los niños en edad escolar del hogar?', 'هل يذهب أطفال الأسرة في سن الدراسة إلى المدرسة؟'),
    options: [
      { key: 'all', label: L('All of them', 'Tous', 'Todos', 'جميعهم'), score: 1 },
      { key: 'some', label: L('Some of them', 'Certains', 'Algunos', 'بعضهم'), score: 0.5 },
      { key: 'none', label: L('None of them', 'Aucun', 'Ninguno', 'لا أحد منهم'), score: 0 },
    ],
  },
  scale('participation', L('How often do you take part in community activities or events?', 'À quelle fréquence participez-vous à des activités de la communauté ?', '¿Con qué frecuencia participa en actividades de la comunidad?', 'كم مرة تشارك في أنشطة أو مناسبات المجتمع؟'), [OFTEN, SOMETIMES, L('Rarely', 'Rarement', 'Rara vez', 'نادرًا'), NEVER]),
  yesNo('support_network', L('Is there someone you can count on for help?', 'Y a-t-il quelqu’un sur qui vous pouvez compter ?', '¿Hay alguien con quien pueda contar para recibir ayuda?', 'هل يوجد شخص يمكنك الاعتماد عليه للمساعدة؟'), true),
  // Psychosocial
  scale('belonging', L('How much do you feel you belong in your community?', 'Dans quelle mesure vous sentez-vous appartenir à votre communauté ?', '¿Cuánto siente que pertenece a su comunidad?', 'إلى أي مدى تشعر بالانتماء إلى مجتمعك؟'), [
    L('Very much', 'Beaucoup', 'Mucho', 'كثيرًا جدًا'), L('Somewhat', 'Assez', 'Bastante', 'إلى حد ما'), L('A little', 'Un peu', 'Poco', 'قليلًا'), L('Not at all', 'Pas du tout', 'Nada', 'إطلاقًا'),
  ]),
  scale('safety', L('How safe do you feel where you live?', 'Vous sentez-vous en sécurité là où vous vivez ?', '¿Qué tan seguro se siente donde vive?', 'ما مدى شعورك بالأمان حيث تعيش؟'), [
    L('Very safe', 'Très en sécurité', 'Muy seguro', 'آمن جدًا'), L('Safe', 'En sécurité', 'Seguro', 'آمن'), L('Unsafe', 'Pas en sécurité', 'Inseguro', 'غير آمن'), L('Very unsafe', 'Pas du tout en sécurité', 'Muy inseguro', 'غير آمن إطلاقًا'),
  ]),
  yesNo('discrimination', L('Have you been treated unfairly since your return because you migrated?', 'Avez-vous été traité injustement depuis votre retour parce que vous avez migré ?', '¿Ha sido tratado injustamente desde su regreso por haber migrado?', 'هل عوملت بشكل غير عادل منذ عودتك لأنك هاجرت؟'), false),
  yesNo('distress', L('Do you often feel distress (worry, sadness, anger, trouble sleeping)?', 'Ressentez-vous souvent de la détresse (inquiétude, tristesse, colère, troubles du sommeil) ?', '¿Siente a menudo angustia (preocupación, tristeza, ira, problemas para dormir)?', 'هل تشعر كثيرًا بالضيق (قلق، حزن، غضب، صعوبة في النوم)؟'), false),
  yesNo('psychosocial_support', L('Would you like psychological or social support?', 'Souhaitez-vous un soutien psychologique ou social ?', '¿Desea apoyo psicológico o social?', 'هل ترغب في دعم نفسي أو اجتماعي؟'), false),
  yesNo('migrate_again', L('Do you wish to migrate again?', 'Souhaitez-vous migrer de nouveau ?', '¿Desea volver a migrar?', 'هل ترغب في الهجرة مرة أخرى؟'), false),
];

const ind = (key: string, dimension: Dimension, label: Localized, qs: string[]) => ({ key, dimension, label, weight: 1, questions: qs });

export const DEFAULT_DEFINITION: Definition = {
  dimensions: [
    { key: 'economic', weight: 1, threshold: 0.5 },
    { key: 'social', weight: 1, threshold: 0.5 },
    { key: 'psychosocial', weight: 1, threshold: 0.5 },
  ],
  indicators: [
    ind('income_sources', 'economic', L('Sources of income', 'Sources de revenus', 'Fuentes de ingresos', 'مصادر الدخل'), ['income_sources']),
    ind('employment', 'economic', L('Employment', 'Emploi', 'Empleo', 'العمل'), ['employed', 'work_months']),
    ind('debt', 'economic', L('Debt', 'Endettement', 'Deudas', 'الديون'), ['debt']),
    ind('food_security', 'economic', L('Food security', 'Sécurité alimentaire', 'Seguridad alimentaria', 'الأمن الغذائي'), ['food']),
    ind('assets', 'economic', L('Access to assets', 'Accès aux biens productifs', 'Acceso a bienes', 'الوصول إلى الأصول'), ['assets']),
    ind('housing', 'social', L('Housing', 'Logement', 'Vivienda', 'السكن'), ['housing', 'housing_secure']),
    ind('services', 'social', L('Access to services', 'Accès aux services', 'Acceso a servicios', 'الوصول إلى الخدمات'), ['services']),
    ind('documentation', 'social', L('Documentation', 'Documents d’identité', 'Documentación', 'الوثائق'), ['documents']),
    ind('schooling', 'social', L('Children’s schooling', 'Scolarisation des enfants', 'Escolarización de los niños', 'تعليم الأطفال'), ['children_school']),
    ind('participation', 'social', L('Participation and support network', 'Participation et réseau de soutien', 'Participación y red de apoyo', 'المشاركة وشبكة الدعم'), ['participation', 'support_network']),
    ind('belonging', 'psychosocial', L('Feeling of belonging', 'Sentiment d’appartenance', 'Sentimiento de pertenencia', 'الشعور بالانتماء'), ['belonging']),
    ind('safety', 'psychosocial', L('Safety', 'Sécurité', 'Seguridad', 'الأمان'), ['safety']),
    ind('discrimination', 'psychosocial', L('Discrimination', 'Discrimination', 'Discriminación', 'التمييز'), ['discrimination']),
    ind('distress', 'psychosocial', L('Distress', 'Détresse', 'Angustia', 'الضيق النفسي'), ['distress', 'psychosocial_support']),
    ind('wish_to_migrate', 'psychosocial', L('Wish to migrate again', 'Souhait de migrer à nouveau', 'Deseo de volver a migrar', 'الرغبة في الهجرة مجددًا'), ['migrate_again']),
  ],
  questions,
  triggers: [
    { key: 'economic_low', kind: 'dimension_below_threshold', dimension: 'economic', action: 'follow_up_task', label: L('Economic score below threshold: review livelihood support', 'Score économique sous le seuil : revoir l’appui aux moyens de subsistance', 'Puntuación económica bajo el umbral: revisar el apoyo a los medios de vida', 'الدرجة الاقتصادية دون العتبة: مراجعة دعم سبل العيش') },
    { key: 'social_low', kind: 'dimension_below_threshold', dimension: 'social', action: 'follow_up_task', label: L('Social score below threshold: review access to services', 'Score social sous le seuil : revoir l’accès aux services', 'Puntuación social bajo el umbral: revisar el acceso a servicios', 'الدرجة الاجتماعية دون العتبة: مراجعة الوصول إلى الخدمات') },
    { key: 'psychosocial_low', kind: 'dimension_below_threshold', dimension: 'psychosocial', action: 'referral', label: L('Psychosocial score below threshold: refer for support', 'Score psychosocial sous le seuil : orienter vers un soutien', 'Puntuación psicosocial bajo el umbral: derivar para apoyo', 'الدرجة النفسية الاجتماعية دون العتبة: الإحالة للدعم') },
    { key: 'distress_reported', kind: 'answer_equals', question: 'distress', option: 'yes', action: 'referral', label: L('Distress reported: refer to psychosocial support', 'Détresse signalée : orienter vers un soutien psychosocial', 'Angustia señalada: derivar a apoyo psicosocial', 'الإبلاغ عن ضيق نفسي: الإحالة إلى الدعم النفسي الاجتماعي') },
    { key: 'wish_to_migrate', kind: 'answer_equals', question: 'migrate_again', option: 'yes', action: 'follow_up_task', label: L('Wish to migrate again: follow up with the returnee', 'Souhait de migrer à nouveau : faire un suivi avec la personne', 'Deseo de volver a migrar: hacer seguimiento con la persona', 'الرغبة في الهجرة مجددًا: المتابعة مع العائد') },
  ],
};
