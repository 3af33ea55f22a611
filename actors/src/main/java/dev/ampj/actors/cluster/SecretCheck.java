package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a joining node whose shared secret differs: Pekko's join-time configuration check compares
 * {@code amp.cluster.membership-digest} (SHA-256 of the secret, set by {@link ClusterConfig}) of the
 * joining node with the cluster's. The secret itself is a sensitive path and never sent. This keeps
 * a misconfigured or foreign node out; against an attacker on the network use Artery TLS
 * ({@code tls-tcp} with mutual authentication), see ARCHITECTURE.md.
 */
public final class SecretCheck extends JoinConfigCompatChecker {

    static final String KEY = "amp.cluster.membership-digest";

    @Override
    public scala.collection.immutable.Seq<String> requiredKeys() {
        return CollectionConverters.asScala(java.util.List.of(KEY)).toList();
    }

    @Override
    public ConfigValidation check(Config toCheck, Config actualConfig) {
        if (!toCheck.hasPath(KEY) || !toCheck.getString(KEY).equals(actualConfig.getString(KEY))) {
            return new org.apache.pekko.cluster.Invalid(CollectionConverters.asScala(java.util.List.of(
                    "the joining node's amp.cluster.secret differs from this cluster's")).toList());
        }
        return Valid$.MODULE$;
    }
}
