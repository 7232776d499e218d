/**
 * Stands in for the person signing in, who in your application types into a form and taps on a phone. The examples
 * ask at the terminal; under `npm run demo`, the demo answers for the user (it holds the mock server, which knows
 * every code), through the address in `VIP_DEMO_PHONE`. Nothing here talks to VIP.
 */
import { createInterface } from 'node:readline/promises';

const demoPhone = process.env.VIP_DEMO_PHONE;

/**
 * The security code the user reads from VIP Access (or an SMS) and types into your form.
 * @param credentialId The credential the code must come from, when the flow names one (enrolment); otherwise the
 * user's own choice.
 */
export async function codeTypedBy(userId: string, credentialId?: string): Promise<string> {
  if (demoPhone !== undefined) {
    const query = new URLSearchParams({ user: userId, ...(credentialId === undefined ? {} : { credential: credentialId }) });
    return askDemoPhone(`/code?${query}`);
  }
  const from = credentialId === undefined ? `${userId}'s VIP Access app` : `credential ${credentialId}`;
  return ask(`Security code shown by ${from}: `);
}

/** What the user types when asked `question` (the ID of a new credential, say). */
export async function typedBy(question: string): Promise<string> {
  if (demoPhone !== undefined) throw new Error(`the demo cannot answer "${question}": set the matching VIP_* variable`);
  return ask(question);
}

/**
 * The user picks `number` in VIP Access to approve push `transactionId` (number matching). On a real phone the user
 * does this; here it only says so, or lets the demo's stand-in phone do it.
 */
export async function numberPickedBy(userId: string, transactionId: string, number: string): Promise<void> {
  if (demoPhone !== undefined) {
    await askDemoPhone(`/number?${new URLSearchParams({ transaction: transactionId, number })}`, 'POST');
  } else {
    console.log(`(${userId}: open VIP Access on your phone, pick ${number} and approve)`);
  }
}

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error(`no terminal to ask: "${question}"`);
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(question)).trim();
  } finally {
    terminal.close();
  }
}

async function askDemoPhone(path: string, method = 'GET'): Promise<string> {
  const response = await fetch(new URL(path, demoPhone), { method });
  const text = await response.text();
  if (!response.ok) throw new Error(`the demo's stand-in phone answered ${response.status}: ${text}`);
  return text;
}
