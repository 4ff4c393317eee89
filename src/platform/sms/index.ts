export { decodeGsm7, encodeGsm7, gsmSeptets, isGsm7 } from './gsm7.js';
export { MAX_SMS_PARTS, SMS_LIMITS, type SmsEncoding, smsEncoding, smsParts, smsUnits, splitSms } from './parts.js';
export { createSmsSender, isSmsNumber, type SmsSender, smsDestination, smsPayloads } from './sender.js';
export { parseSmppUrl, SmppError, type SmppFailure, type SmppTarget, SmppTransmitter } from './smpp-client.js';
