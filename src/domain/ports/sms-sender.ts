/** Sends a text message to a patron's phone (Twilio Messaging, or a development transport that logs). */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}
