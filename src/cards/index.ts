// Everything people see from the bot, as Adaptive Card JSON built from cards/*.json templates.
export { devicePickerCard } from './device-picker';
export { STALE_AFTER_DAYS } from './device-facts';
export { guidanceCard } from './guidance';
export { helpCard, noDevicesCard, personalChatOnlyCard } from './help';
export { offerCard } from './offer';
export { outcomeCard, type OutcomeOptions } from './outcome';
export { problemCard } from './problem';
export { progressCard } from './progress';
export { refusalCard } from './refusal';
export { markdownText, plainText } from './safe-text';
export { statusCard } from './status';
export { cardsFolder, type AdaptiveCard } from './template';
export { isVerb, VERB_DATA_KEYS, VERBS, type Verb, type VerbData } from './verbs';
