/** The credential types the contract names (its type is open for later additions; the CLI offers the named ones). */
import type { CredentialType } from '../index.js';

export const CREDENTIAL_TYPES = [
  'STANDARD_OTP',
  'SMS_OTP',
  'VOICE_OTP',
  'SERVICE_OTP',
  'CERTIFICATE',
  'IA',
  'EMAIL_OTP',
  'BIOMETRIC',
  'SECURITY_KEY',
] as const satisfies readonly CredentialType[];
