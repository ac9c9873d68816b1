import { serverMessages } from '../../platform/messages.js';

/** The words of an export (headings, titles, notes) in the reader's language, from the web app's catalogues. */
export const messagesFor = serverMessages;
export type Messages = ReturnType<typeof messagesFor>;
