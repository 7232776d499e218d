/**
 * The status table: every status code VIP User Services documents, with the name it goes by in this package, the
 * class its error extends, VIP's message and our own short account of the cause and the fix. It is the single
 * source of these facts: `npm run generate` writes `VipStatus`, one error class per error code and the map from code
 * to class into src/generated/errors.ts from it, and the guidance on each `VipServiceError`, `describeStatus` and
 * the error tables of the documentation (docs/errors.md, by scripts/error-docs.ts) read it directly. Adding a code
 * means adding a row here and running the generator, then `npm run docs:errors`.
 *
 * It is a TypeScript module rather than a JSON or YAML file for the generator to parse: `satisfies` checks every
 * row's shape and parent name as the project compiles, the literal codes and names become types with no second
 * generation step, and the runtime reads the very object the generator read, with no data file to locate from
 * both the ESM and the CommonJS build.
 */
import type { ServiceErrorCategory } from './service-error-categories.js';

/** What VIP's documentation says about one status code, rephrased for SDK users. */
export interface DocumentedStatus {
  /**
   * The key of this code in `VipStatus`. For an error code it is also its class's name without the `Error`
   * suffix (`CredentialRevoked`, `CredentialRevokedError`): the class name is derived, never written down, so the
   * two cannot drift apart.
   */
  readonly name: string;
  /** The status message VIP documents for the code (VIP usually returns this same text). */
  readonly message: string;
  /** Why VIP returns the code. */
  readonly cause: string;
  /** What the caller (or an administrator) can do about it. */
  readonly solution: string;
  /** True only when simply calling again later may succeed (a transient fault on VIP's side). */
  readonly retryable: boolean;
}

/**
 * The class a per-code error class extends: one of the categories, or `PushTransactionError` (itself a `PushError`)
 * for the outcomes of a push transaction, which carry its ID.
 */
export type ServiceErrorParent = ServiceErrorCategory | 'PushTransactionError';

/** One row of {@link STATUS_TABLE}. */
export interface StatusTableRow extends DocumentedStatus {
  /**
   * The class that `${name}Error` extends. Only error codes have one: a row without it (success, push sent, push
   * approved, push in progress, number challenge pending) gets a `VipStatus` key but no class. Why each code sits in its category is written
   * on the category classes.
   */
  readonly parent?: ServiceErrorParent;
}

/**
 * The rows by code. Keys are upper case because lookups normalise codes to upper case before reading the table;
 * the order of the rows does not matter (listings sort by code).
 */
export const STATUS_TABLE = {
  '0000': {
    name: 'Success',
    message: 'Success.',
    cause: 'The call did what was asked.',
    solution: 'Nothing to do.',
    retryable: false,
  },
  '6001': {
    name: 'InvalidAccount',
    parent: 'AccountPolicyError',
    message: 'Invalid account.',
    cause:
      'The VIP account is unknown or not active (createUser, deleteUser, removeCredential), or the jurisdiction hash sent with addCredential matches no account.',
    solution: 'Create or reactivate the account, or send the right jurisdiction hash / act on another account.',
    retryable: false,
  },
  '6002': {
    name: 'UserAlreadyExists',
    parent: 'UserError',
    message: 'User already exists.',
    cause: 'A user with this user ID is already present in the account.',
    solution: 'Pick another user ID, or work with the existing user.',
    retryable: false,
  },
  '6003': {
    name: 'UserNotFound',
    parent: 'UserError',
    message: "User doesn't exist.",
    cause: 'The account has no user with this user ID.',
    solution: 'Create the user first, or check the user ID.',
    retryable: false,
  },
  '6004': {
    name: 'InvalidCredentialId',
    parent: 'CredentialError',
    message: 'Credential ID is not valid.',
    cause: 'VIP knows no credential with this credential ID.',
    solution: 'Check the credential ID, or act on another credential or user.',
    retryable: false,
  },
  '6005': {
    name: 'VipInternal',
    parent: 'ServiceUnavailableError',
    message: 'Internal error.',
    cause: 'Something failed inside VIP while it handled the call.',
    solution: 'Call again; if it keeps failing, open a case with Broadcom (Symantec) support.',
    retryable: true,
  },
  '6006': {
    name: 'InvalidCredentialType',
    parent: 'CredentialError',
    message: 'Invalid credential type.',
    cause: 'The credential type in the request is not a valid one for this call.',
    solution: 'Send the right credential type, bind a suitable credential to the user, or act on another user.',
    retryable: false,
  },
  '6007': {
    name: 'CredentialNotBound',
    parent: 'CredentialError',
    message: 'No binding exists between user and credential.',
    cause: 'The credential named in the request is not bound to the user named in the request.',
    solution: 'Bind the credential to the user first, or name one of the credentials the user has.',
    retryable: false,
  },
  '6008': {
    name: 'NoEnabledCredential',
    parent: 'CredentialError',
    message: 'User does not have an enabled credential for the given credential type.',
    cause: 'The user has no enabled credential of the requested type.',
    solution: 'Enable (or add) a credential of that type for the user.',
    retryable: false,
  },
  '6009': {
    name: 'AuthenticationFailed',
    parent: 'AuthenticationError',
    message: 'Authentication failed.',
    cause: 'The security code sent did not verify; `detail`/`detailMessage` often say why (e.g. 49B5, invalid OTP).',
    solution: 'Ask the user for a new, valid security code and try again.',
    retryable: false,
  },
  '600A': {
    name: 'CredentialTypeNotSupported',
    parent: 'CredentialError',
    message: 'Credential type not supported.',
    cause: 'This operation cannot be used with the credential type given.',
    solution: 'Use a credential of another type.',
    retryable: false,
  },
  '600B': {
    name: 'SchemaValidation',
    parent: 'InvalidRequestError',
    message: 'Schema validation failed.',
    cause:
      "The request XML did not pass VIP's schema check: badly formed, a required element missing, or written for another WSDL/XSD version.",
    solution: 'Check the WSDL/XSD version and that every required element is filled in; with this SDK it points to a bug worth reporting.',
    retryable: false,
  },
  '600C': {
    name: 'BadCredentialState',
    parent: 'CredentialError',
    message: 'Bad credential state.',
    cause: 'VIP holds a state value for this credential that is not valid.',
    solution: 'The caller cannot repair this; contact Broadcom (Symantec) support.',
    retryable: false,
  },
  '600D': {
    name: 'CredentialStateNotAllowed',
    parent: 'CredentialError',
    message: 'Operation not allowed in current state of credential.',
    cause:
      "The credential's current state rules this operation out. For push, `detailMessage` may report that all push credentials are throttled after too many failed attempts.",
    solution: "Change the credential's state or use another credential, then call again.",
    retryable: false,
  },
  '600E': {
    name: 'ClientCertificateRevoked',
    parent: 'ClientCertificateError',
    message: 'Client certificate is revoked.',
    cause: 'The VIP Manager certificate this client authenticates with has been revoked.',
    solution: 'Obtain a new certificate in VIP Manager, configure the client with it, and call again.',
    retryable: false,
  },
  '600F': {
    name: 'CredentialRevoked',
    parent: 'CredentialError',
    message: 'Credential is revoked.',
    cause: 'The credential named in the request has been revoked.',
    solution: 'Use another credential.',
    retryable: false,
  },
  '6010': {
    name: 'AccountNotAuthorized',
    parent: 'AccountPolicyError',
    message: 'The account is not authorized to perform this operation.',
    cause:
      'The calling account lacks the rights for this call: it is neither a super administrator nor the parent of the `onBehalfOfAccountId` account.',
    solution: 'Grant the account the needed permissions, or call with an account that has them.',
    retryable: false,
  },
  '6011': {
    name: 'EnabledBindingsLimit',
    parent: 'CredentialError',
    message: 'Maximum enabled bindings limit reached. Please unbind or disable a binding before retrying.',
    cause: 'The user already has as many enabled credentials as allowed.',
    solution: "Disable or remove one of the user's credentials before adding another enabled one.",
    retryable: false,
  },
  '6012': {
    name: 'BindingsLimit',
    parent: 'CredentialError',
    message: 'Maximum allowed bindings limit reached. Please unbind an existing binding before retrying.',
    cause: 'The user already has as many credentials as allowed, counting enabled and disabled ones.',
    solution: "Remove one of the user's credentials before adding another.",
    retryable: false,
  },
  '6013': {
    name: 'CredentialExpired',
    parent: 'CredentialError',
    message: 'Credential has expired.',
    cause: 'The credential named in the request is past its expiry date.',
    solution: 'Renew the credential, or use another one.',
    retryable: false,
  },
  '6014': {
    name: 'OperationNotSupported',
    parent: 'CredentialError',
    message: 'Operation is not supported.',
    cause: 'The credential type involved does not support the requested operation.',
    solution: 'Use another credential.',
    retryable: false,
  },
  '6015': {
    name: 'InvalidInput',
    parent: 'InvalidRequestError',
    message: 'Invalid input.',
    cause: 'VIP rejected at least one value in the request (a malformed phone number, for example).',
    solution: 'Check the values sent and call again with corrected ones.',
    retryable: false,
  },
  '6016': {
    name: 'TokenNotRegistered',
    parent: 'CredentialError',
    message: 'Token has not been previously registered for this account.',
    cause: 'The credential has never been registered with this VIP account.',
    solution: 'Register the credential (the `register` operation), then call again.',
    retryable: false,
  },
  '6017': {
    name: 'TemporaryPasswordNotSet',
    parent: 'UserError',
    message: 'Temporary password is not set.',
    cause: 'The call acts on a temporary security code (e.g. clears it), but the user has none.',
    solution: 'Set a temporary security code first, or skip this action.',
    retryable: false,
  },
  '6018': {
    name: 'SmsDelivery',
    parent: 'DeliveryError',
    message: 'Unable to send SMS to given number through gateway.',
    cause: 'The text message could not be delivered: the number is not a mobile phone, or the phone does not accept SMS.',
    solution: 'Call again with a valid mobile number.',
    retryable: false,
  },
  '6019': {
    name: 'VoiceDelivery',
    parent: 'DeliveryError',
    message: 'Unable to send message to voice gateway for the given number.',
    cause: 'The voice call could not deliver the message: the number is not a mobile phone, or nobody answered.',
    solution: 'Call again with a valid number, and make sure the user expects the call.',
    retryable: false,
  },
  '601A': {
    name: 'InvalidExpirationDate',
    parent: 'InvalidRequestError',
    message: 'Expiration date must be later than the current time, and cannot exceed the validity period.',
    cause: "The expiry asked for the temporary security code is in the past or beyond the account's validity period.",
    solution: "Choose an expiry in the future that stays within the account's validity period.",
    retryable: false,
  },
  '601B': {
    name: 'UserStatusNotAllowed',
    parent: 'UserError',
    message: 'Operation not allowed in current user status.',
    cause: "The user's status rules this action out (for example the user is locked or disabled).",
    solution: "Check the user's status (getUserInfo), change it if appropriate, and call again.",
    retryable: false,
  },
  '601C': {
    name: 'ClientCertificateRequired',
    parent: 'ClientCertificateError',
    message: 'Client certificate required to perform the requested operation.',
    cause: 'The call reached VIP without the client certificate this operation needs.',
    solution: "Configure the client with the account's VIP certificate.",
    retryable: false,
  },
  '601D': {
    name: 'TooManySmsVoiceCredentials',
    parent: 'CredentialError',
    message: 'The user has too many SMS or Voice Credentials.',
    cause: 'The user already holds the largest number of SMS/voice credentials allowed.',
    solution: 'Remove one of those credentials (or have the user do it), then call again.',
    retryable: false,
  },
  '601E': {
    name: 'CredentialOrderUnavailable',
    parent: 'AccountPolicyError',
    message: 'Order for the credential type already fulfilled or expired.',
    cause: "The account's order for this credential type is used up or has expired.",
    solution: 'Contact Broadcom (Symantec) support for more credentials or help with the order.',
    retryable: false,
  },
  '601F': {
    name: 'InvalidUserPin',
    parent: 'UserError',
    message: 'Invalid user PIN.',
    cause: "The PIN sent differs from the user's PIN.",
    solution: 'Ask the user for the correct PIN.',
    retryable: false,
  },
  '6020': {
    name: 'UserPinPolicyViolation',
    parent: 'UserError',
    message: 'User PIN value does not meet policy settings for this account.',
    cause: "The PIN breaks the account's End User PIN Policy: too short, or it uses characters the policy forbids.",
    solution: "Choose a PIN that meets the policy's minimum length and character rules.",
    retryable: false,
  },
  '6021': {
    name: 'UserPinNotEnabled',
    parent: 'AccountPolicyError',
    message: 'User PIN is not enabled for this account.',
    cause: "User PINs are switched off in the account's End User PIN Policy.",
    solution: 'Turn the PIN on in the End User PIN Policy, or stop sending a PIN.',
    retryable: false,
  },
  '6022': {
    name: 'IaPolicyNotEnabled',
    parent: 'RiskError',
    message: 'IA policy must be enabled for this account.',
    cause: 'Intelligent Authentication is not switched on for this account in VIP Manager.',
    solution: 'Enable the Intelligent Authentication policy in VIP Manager.',
    retryable: false,
  },
  '6023': {
    name: 'RiskEventNotFound',
    parent: 'RiskError',
    message: 'Event for the ID passed in feedback is not found.',
    cause: 'The `EventId` sent to confirmRisk or denyRisk is unknown to VIP.',
    solution: 'Send the `EventId` that evaluateRisk returned.',
    retryable: false,
  },
  '6024': {
    name: 'RiskEventNotRisky',
    parent: 'RiskError',
    message: 'Event for the ID passed in feedback is not considered risky.',
    cause: 'The `EventId` sent to confirmRisk or denyRisk exists, but evaluateRisk did not judge that event suspicious.',
    solution: 'Send risk feedback only for events that evaluateRisk flagged as risky.',
    retryable: false,
  },
  '6025': {
    name: 'MultiUserCredentialDisabled',
    parent: 'CredentialError',
    message:
      'Multi-user credentials are disabled for this account. The given credential is already bound and enabled under a different user.',
    cause: 'The credential is already bound to, and enabled for, another user, and this account lets a credential serve only one user.',
    solution: 'Use a different credential, or unbind it from the other user first.',
    retryable: false,
  },
  '6026': {
    name: 'CredentialAlreadyRegistered',
    parent: 'CredentialError',
    message: 'Credential is already registered for this account.',
    cause: 'The credential being registered is already known to this account.',
    solution: 'Skip the registration and carry on (for example with addCredential).',
    retryable: false,
  },
  '6027': {
    name: 'TrustedDeviceNotEnabled',
    parent: 'RiskError',
    message: 'VIP Trusted Device is not enabled for this account.',
    cause: 'Trusted Device (remembered devices) is switched off for the account.',
    solution: 'Enable Trusted Device in the Remembered Devices policy in VIP Manager.',
    retryable: false,
  },
  '6028': {
    name: 'TransactionParametersNotSet',
    parent: 'RiskError',
    message: 'The transaction parameters must be set in VIP Manager for this account.',
    cause: 'The account has no transaction risk settings (such as daily and largest transaction amounts) in VIP Manager.',
    solution: 'Configure the transaction risk settings in VIP Manager before calling this operation.',
    retryable: false,
  },
  '6029': {
    name: 'IaServiceUnavailable',
    parent: 'ServiceUnavailableError',
    message: 'IA service is currently not available.',
    cause: 'The Intelligent Authentication service is down or unreachable at the moment.',
    solution: 'Call again later; if it stays unavailable, contact Broadcom (Symantec) support.',
    retryable: true,
  },
  '602A': {
    name: 'IaTransactionMonitoringNotEnabled',
    parent: 'RiskError',
    message: 'IA transaction monitoring policy must be enabled for this account.',
    cause: 'Intelligent Authentication transaction monitoring is switched off for this account in VIP Manager.',
    solution: 'Enable the transaction monitoring policy in VIP Manager.',
    retryable: false,
  },
  '602B': {
    name: 'ClientKeyDecryption',
    parent: 'RiskError',
    message: 'The encrypted client key in IAAuthData cannot be decrypted.',
    cause: 'VIP could not decrypt the client key that the VIP Mobile SDK placed in `IAAuthData`.',
    solution: 'Encrypt the client key again with the current public key.',
    retryable: false,
  },
  '602D': {
    name: 'InvalidFriendlyName',
    parent: 'InvalidRequestError',
    message: 'Invalid friendly name. Friendly name cannot include $ # ! " / ? \\ or *.',
    cause: 'The friendly name contains a character VIP refuses: $ # ! " / ? \\ or *.',
    solution: 'Remove those characters from the friendly name.',
    retryable: false,
  },
  '602E': {
    name: 'MobilePushNotEnabled',
    parent: 'PushError',
    message: 'Mobile push is not enabled for this account.',
    cause: "VIP Access Push has not been turned on for the user's account.",
    solution: 'Ask an administrator to enable VIP Access Push, or authenticate with a security code.',
    retryable: false,
  },
  '6040': {
    name: 'PushSent',
    message: 'Mobile push request sent.',
    cause: "A push notification went out to the user's registered devices.",
    solution: 'Poll pollPushStatus (or use waitForPush) for the outcome.',
    retryable: false,
  },
  '6041': {
    name: 'NoPushCredentials',
    parent: 'PushError',
    message: 'Unable to find mobile push enabled credentials.',
    cause: "None of the user's registered devices runs a VIP Access version that can receive push.",
    solution: 'Have the user update VIP Access, or authenticate with a security code.',
    retryable: false,
  },
  '6042': {
    name: 'PushSendFailed',
    parent: 'PushError',
    message: 'Error sending mobile push request.',
    cause: "Sending the push notification to the user's devices failed.",
    solution: 'Fall back to a security code, or send a new push later.',
    retryable: false,
  },
  '6043': {
    name: 'PushNotSupported',
    parent: 'PushError',
    message: 'Credential does not support mobile push.',
    cause: "The VIP Access version on the user's device cannot receive push requests.",
    solution: 'Have the user update VIP Access, or authenticate with a security code.',
    retryable: false,
  },
  '604C': {
    name: 'MobileTokenValidationDenied',
    parent: 'AuthenticationError',
    message: 'Denied by Mobile Token Validation Policy.',
    cause: "An administrator has switched off security-code checks for the account or for the user's group.",
    solution: 'Authenticate with push instead, or ask the administrator to change the Mobile Token Validation policy.',
    retryable: false,
  },
  '604D': {
    name: 'NonUsSmsVoiceBlocked',
    parent: 'DeliveryError',
    message: 'Blocked by Non-US SMS or Voice policy.',
    cause: 'An administrator has blocked SMS and voice calls to phone numbers outside the US.',
    solution: 'Use a US number or another credential, or ask the administrator to change the policy.',
    retryable: false,
  },
  '604F': {
    name: 'NumberChallengeNotSupported',
    parent: 'PushError',
    message: 'Credential does not support number challenge.',
    cause: "The user's credential cannot display a number challenge.",
    solution: 'Have the user update VIP Access, or send the push without a number challenge.',
    retryable: false,
  },
  '6603': {
    name: 'MobileTokenValidationNotAllowed',
    parent: 'AuthenticationError',
    message: 'Mobile token validation is not allowed per policy.',
    cause: "Policy for the account or for the user's group forbids checking security codes from mobile tokens.",
    solution: 'Authenticate with push instead, or ask the administrator to change the policy.',
    retryable: false,
  },
  '7000': {
    name: 'PushApproved',
    message: 'Mobile push request approved by user.',
    cause: 'The user accepted the push notification on their device.',
    solution: 'Nothing to do: the authentication succeeded.',
    retryable: false,
  },
  '7001': {
    name: 'PushInProgress',
    message: 'Mobile push request in progress.',
    cause: 'The push went out, but the user has neither accepted nor rejected it yet.',
    solution: 'Keep polling until a final status arrives or your deadline passes.',
    retryable: false,
  },
  '7002': {
    name: 'PushDenied',
    parent: 'PushTransactionError',
    message: 'Mobile push request denied by user.',
    cause: 'The user rejected the push notification on their device.',
    solution: 'Treat the sign-in as refused; the user may not have started it.',
    retryable: false,
  },
  '7003': {
    name: 'PushChanged',
    parent: 'PushTransactionError',
    message: 'Mobile push request changed.',
    cause: 'A newer push was sent to the user and replaced this one.',
    solution: 'Follow the newest push transaction instead of this one.',
    retryable: false,
  },
  '7004': {
    name: 'PushExpired',
    parent: 'PushTransactionError',
    message: 'Mobile push request expired.',
    cause: 'The push timed out before the user answered, or the user answered a later push instead.',
    solution: 'Send a new push if the user still wants to sign in.',
    retryable: false,
  },
  '7005': {
    name: 'PushNotFound',
    parent: 'PushTransactionError',
    message: 'Mobile push request not found.',
    cause: 'VIP has no push transaction with this ID.',
    solution: 'Check the transaction ID; send a new push if needed.',
    retryable: false,
  },
  '7006': {
    name: 'PushNotCompleted',
    parent: 'PushTransactionError',
    message: 'Mobile push request not completed.',
    cause: 'The push could not be started, or no answer came back from the device.',
    solution: 'Send a new push, or fall back to another authentication method.',
    retryable: false,
  },
  '7008': {
    name: 'PushRequestParametersNotMet',
    parent: 'PushTransactionError',
    message: 'Could not authenticate user based on requested parameters (requestParameters).',
    cause:
      'The requirements asked for in `requestParameters` could not be met (for example local authentication on the device failed); the detail code tells which.',
    solution: 'Read `detail`/`detailMessage`, then ask the user to try again or relax the requirements.',
    retryable: false,
  },
  // 7120-7125 and 7140/7141 are documented for 1.10 as per-transaction codes of pollPushStatus (detail codes on the
  // documentation's page); waitForPush reads them as a transaction's status or detail (see push-outcome.ts).
  '7120': {
    name: 'LocalAuthenticationCancelled',
    parent: 'PushTransactionError',
    message: 'Local authentication cancelled.',
    cause:
      'The push asked for a check on the device itself (fingerprint, face or device PIN, through `requestParameters`), and the user dismissed it.',
    solution: 'Let the user try again; they may have cancelled on purpose, so do not retry by yourself.',
    retryable: false,
  },
  '7121': {
    name: 'LocalAuthenticationFailed',
    parent: 'PushTransactionError',
    message: 'Local authentication failed.',
    cause: 'The device check that `requestParameters` asked for (fingerprint, face or device PIN) did not recognise the user.',
    solution: 'Treat the sign-in as not approved; offer a new push or another way to authenticate.',
    retryable: false,
  },
  '7122': {
    name: 'LocalAuthenticationNotSupportedByDevice',
    parent: 'PushTransactionError',
    message: 'Local authentication not supported by device.',
    cause: "The user's phone has no means of local authentication that the push could require.",
    solution: 'Send the push without requiring local authentication, or use another credential.',
    retryable: false,
  },
  '7123': {
    name: 'LocalAuthenticationNotConfigured',
    parent: 'PushTransactionError',
    message: 'Local authentication not configured.',
    cause: 'The phone could check the user locally, but no fingerprint, face or device PIN is set up on it.',
    solution: 'Ask the user to set up a screen lock or biometrics on the phone, or send the push without the requirement.',
    retryable: false,
  },
  '7124': {
    name: 'LocalAuthenticationNotSupportedByClient',
    parent: 'PushTransactionError',
    message: 'Local authentication not supported by client.',
    cause: 'The VIP Access version on the phone cannot perform the local authentication the push required.',
    solution: 'Have the user update VIP Access, or send the push without requiring local authentication.',
    retryable: false,
  },
  '7125': {
    name: 'LocalAuthenticationNotPerformed',
    parent: 'PushTransactionError',
    message: 'Local authentication not performed.',
    cause: 'The push required a local check on the device, but the answer came back without one.',
    solution: 'Treat the sign-in as not approved and send a new push if the user still wants to sign in.',
    retryable: false,
  },
  '7140': {
    name: 'NumberChallengePending',
    message: 'Numbers challenge pending.',
    cause: 'The push carries a number challenge, and the user has not yet picked the number on the phone.',
    solution: 'Keep showing the number from the push answer (`numbersChallengeValue`) and keep polling.',
    retryable: false,
  },
  '7141': {
    name: 'NumberChallengeFailed',
    parent: 'PushTransactionError',
    message: 'Numbers challenge failed.',
    cause: 'The user picked a number on the phone other than the one the sign-in page showed.',
    solution:
      'Refuse the sign-in. A wrong number can mean the user is answering a push someone else started (push fatigue): send a new push only when the user asks for one.',
    retryable: false,
  },
} as const satisfies Readonly<Record<string, StatusTableRow>>;
