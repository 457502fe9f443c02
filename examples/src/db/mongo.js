// MongoDB driver: mongodb:// is plaintext unless tls=true (mongodb+srv:// turns TLS on).
import { MongoClient } from 'mongodb';

// Insecure: a committed password in a plaintext mongodb:// URI.
export const legacyClient = new MongoClient('mongodb://orders:Hunt3r2-Ex4mple-0nly@mongo-1.acme.internal:27017/orders?authSource=admin'); // expect: no-hardcoded-credentials, require-ssl

// Insecure: TLS on, certificate checks off.
export const reportingClient = new MongoClient(process.env.MONGODB_URI, {
  tls: true,
  tlsAllowInvalidCertificates: true, // expect: no-disabled-cert-verification
});

// Secure: TLS verified against the cluster's CA; the URI and its password come from the environment.
export const client = new MongoClient(process.env.MONGODB_URI, { tls: true, tlsCAFile: process.env.MONGODB_CA_FILE });
