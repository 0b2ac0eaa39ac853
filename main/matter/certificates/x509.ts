/**
 * The one door to @peculiar/x509: its decorators need the reflect-metadata polyfill loaded before it,
 * and its WebCrypto calls need a provider (Node's). Import the library from here, never directly.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
