package org.watchkeeper.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 (RFC 8032, the JDK's provider) signatures of exports. The key pair lives in the data
 * directory: {@code signing-key.pem} (PKCS #8, owner-only) and {@code signing-key.pub.pem}
 * (X.509 SubjectPublicKeyInfo, RFC 8410), created on first start. A signature covers the exact bytes of
 * the export body and travels base64-encoded in the {@value #HEADER} header; the public key is
 * served at {@code GET /api/signing-key}.
 */
public final class ExportSigner {
    /** Response header holding the base64 signature of the body. */
    public static final String HEADER = "X-Watchkeeper-Signature";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ExportSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair from {@code dir}, creating it when missing. */
    public static ExportSigner open(Path dir) throws IOException {
        Path priv = dir.resolve("signing-key.pem");
        Path pub = dir.resolve("signing-key.pub.pem");
        try {
            if (!Files.exists(priv)) {
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Accounts.writeAtomically(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
                Accounts.writeAtomically(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
                return new ExportSigner(kp.getPrivate(), kp.getPublic());
            }
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey pk = kf.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv), "PRIVATE KEY")));
            return new ExportSigner(pk, readPublicKey(pub));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the export signing key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The base64 Ed25519 signature of {@code body}. */
    public String sign(byte[] body) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The public key as PEM text. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * Checks a detached signature.
     *
     * @param signature base64 text (surrounding white space ignored)
     * @return true when {@code signature} is {@code key}'s signature of exactly {@code body}
     */
    public static boolean verify(PublicKey key, byte[] body, String signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(signature.strip());
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(body);
            return s.verify(sig);
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification failed", e);
        }
    }

    /** Reads a PEM {@code PUBLIC KEY} (Ed25519). */
    public static PublicKey readPublicKey(Path pem) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(Files.readString(pem), "PUBLIC KEY")));
    }

    private static byte[] der(String pem, String label) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException("not a PEM " + label);
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
