package org.bzpeer.deploy.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bzpeer.schemas.Topic;
import org.bzpeer.schemas.Topics;

import tools.jackson.databind.JsonNode;

/**
 * Checks a rendered overlay against itself and against the code: topics and dead-letter topics are those of
 * {@code Topics.ALL} and of each service's bindings, with the retention the code gives them; consumer groups, ACLs,
 * probe paths and ports, Secret names and keys, replica counts and shutdown timing all agree. Each violation names
 * the object and what disagrees with what.
 */
public final class CrossChecks {

    /** Keys of the Secret {@code <cluster>-app} CloudNativePG writes for a cluster's application user. */
    static final Set<String> CLOUDNATIVE_PG_APP_KEYS = Set.of("username", "user", "password", "dbname", "host",
            "port", "pgpass", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri");
    /** Keys of the Secret Strimzi writes for a SCRAM-SHA-512 KafkaUser (named as the user). */
    static final Set<String> STRIMZI_SCRAM_USER_KEYS = Set.of("password", "sasl.jaas.config");
    /** Keys of the Secret {@code <kafka>-cluster-ca-cert} Strimzi writes with the cluster CA certificate. */
    static final Set<String> STRIMZI_CLUSTER_CA_KEYS = Set.of("ca.crt", "ca.p12", "ca.password");
    /** Secrets the operator of the cluster creates by hand (deploy/README.md), with their keys. */
    static final Map<String, Set<String>> HAND_MADE_SECRETS = Map.of("bzpeer-jwt", Set.of("public.pem"));

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Pattern DASHBOARD_METRIC = Pattern.compile("\\b(bzpeer_[a-z_]+)");
    private static final int DEFAULT_SHUTDOWN_PHASE_SECONDS = 30;

    private final Manifests manifests;
    private final List<ServiceFacts> services;
    private final KitFacts kit;
    private final List<String> violations = new ArrayList<>();

    private CrossChecks(Manifests manifests, List<ServiceFacts> services, KitFacts kit) {
        this.manifests = manifests;
        this.services = services;
        this.kit = kit;
    }

    /** Every disagreement found in the overlay; empty when everything agrees. */
    public static List<String> check(List<Resource> resources, List<ServiceFacts> services, KitFacts kit) {
        CrossChecks checks = new CrossChecks(new Manifests(resources), services, kit);
        checks.topics();
        checks.replication();
        checks.secretReferences();
        for (ServiceFacts service : services) {
            checks.deployment(service);
            checks.scaledObject(service);
            checks.kafkaUser(service);
        }
        checks.noAutoscalerBesideScaledObject();
        return List.copyOf(checks.violations);
    }

    /** The {@code bzpeer_*} series a Grafana dashboard queries that no meter in the code produces. */
    public static List<String> checkDashboard(String dashboardJson, KitFacts kit) {
        Set<String> known = new TreeSet<>();
        kit.meterNames().forEach(meter -> known.add(meter.replace('.', '_')));
        List<String> violations = new ArrayList<>();
        Matcher metric = DASHBOARD_METRIC.matcher(dashboardJson);
        Set<String> seen = new TreeSet<>();
        while (metric.find()) {
            String series = metric.group(1);
            String meter = series.replaceAll("_(total|bucket|count|sum|max)$", "");
            if (seen.add(series) && !known.contains(meter)) {
                violations.add("dashboard queries " + series + ", but no meter " + meter.replace('_', '.')
                        + " is registered in the code (known: " + kit.meterNames() + ")");
            }
        }
        return violations;
    }

    private void topics() {
        Map<String, Resource> declared = new HashMap<>();
        manifests.ofKind("KafkaTopic").forEach(topic -> declared.put(Manifests.topicName(topic), topic));
        Set<String> expected = new TreeSet<>();
        String partitions = commonEnvironment().getOrDefault("BZPEER_KAFKA_PARTITIONS", "12");
        for (Topic<?> topic : Topics.ALL) {
            expected.add(topic.name());
            Resource resource = declared.get(topic.name());
            if (resource == null) {
                continue;
            }
            JsonNode config = resource.spec().path("config");
            if (topic.retention() == Topic.Retention.LATEST_PER_KEY) {
                expect(resource, "compact".equals(Yaml.text(config, "cleanup.policy")),
                        "keeps the latest event per key in the code (Topics), so cleanup.policy must be compact");
            } else {
                expect(resource, "-1".equals(Yaml.text(config, "retention.ms"))
                                && !"compact".equals(Yaml.text(config, "cleanup.policy")),
                        "keeps every event in the code (Topics), so retention.ms must be -1 and no compaction");
            }
            expect(resource, partitions.equals(resource.spec().path("partitions").asString()),
                    "has " + resource.spec().path("partitions") + " partitions, BZPEER_KAFKA_PARTITIONS says "
                            + partitions);
        }
        for (ServiceFacts service : services) {
            for (String deadLetters : service.deadLetterTopics()) {
                expected.add(deadLetters);
                Resource resource = declared.get(deadLetters);
                if (resource != null) {
                    expect(resource, "-1".equals(Yaml.text(resource.spec().path("config"), "retention.ms")),
                            "is a dead-letter topic, kept until ops delete its records: retention.ms must be -1");
                }
            }
        }
        for (String topic : expected) {
            if (!declared.containsKey(topic)) {
                violations.add("no KafkaTopic for topic " + topic + " (from Topics.ALL and the services' bindings)");
            }
        }
        for (String topic : declared.keySet()) {
            if (!expected.contains(topic)) {
                violations.add(declared.get(topic) + ": topic " + topic
                        + " is neither in Topics.ALL nor the dead-letter topic of a consumed topic");
            }
        }
    }

    private void replication() {
        for (Resource kafka : manifests.ofKind("Kafka")) {
            int brokers = 0;
            for (Resource pool : manifests.ofKind("KafkaNodePool")) {
                if (kafka.name().equals(Yaml.text(pool.body(), "metadata", "labels", "strimzi.io/cluster"))
                        && pool.spec().path("roles").toString().contains("\"broker\"")) {
                    brokers += pool.spec().path("replicas").asInt(0);
                }
            }
            JsonNode config = kafka.spec().path("kafka").path("config");
            int defaultMinInSync = config.path("min.insync.replicas").asInt(1);
            for (String setting : List.of("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor")) {
                int replicas = config.path(setting).asInt(1);
                expect(kafka, replicas <= brokers, setting + " is " + replicas + " but there are only " + brokers
                        + " brokers");
            }
            for (Resource topic : manifests.ofKind("KafkaTopic")) {
                if (!kafka.name().equals(Yaml.text(topic.body(), "metadata", "labels", "strimzi.io/cluster"))) {
                    continue;
                }
                int replicas = topic.spec().path("replicas").asInt(config.path("default.replication.factor").asInt(1));
                int minInSync = topic.spec().path("config").path("min.insync.replicas").asInt(defaultMinInSync);
                expect(topic, replicas <= brokers, "has " + replicas + " replicas but cluster " + kafka.name()
                        + " has only " + brokers + " brokers");
                expect(topic, minInSync <= replicas, "min.insync.replicas " + minInSync + " exceeds its "
                        + replicas + " replicas: no write could ever be acknowledged");
            }
        }
        for (Resource topic : manifests.ofKind("KafkaTopic")) {
            String cluster = Yaml.text(topic.body(), "metadata", "labels", "strimzi.io/cluster");
            expect(topic, cluster != null && manifests.find("Kafka", cluster).isPresent(),
                    "names Kafka cluster " + cluster + " (label strimzi.io/cluster), which is not declared");
        }
    }

    private void deployment(ServiceFacts service) {
        Optional<Resource> found = manifests.find("Deployment", service.name());
        if (found.isEmpty()) {
            violations.add("no Deployment " + service.name() + " for module " + service.module());
            return;
        }
        Resource deployment = found.get();
        JsonNode pod = deployment.spec().path("template");
        JsonNode container = pod.path("spec").path("containers").path(0);
        Map<String, String> environment = manifests.environment(container);

        expect(deployment, String.valueOf(Yaml.text(container, "image")).contains("/" + service.module() + ":"),
                "runs image " + Yaml.text(container, "image") + ", not the image of module " + service.module());
        String managementPort = environment.get("MANAGEMENT_SERVER_PORT");
        expect(deployment, managementPort != null, "does not set MANAGEMENT_SERVER_PORT (actuator's port)");
        String httpPort = environment.getOrDefault("SERVER_PORT", String.valueOf(service.httpPort()));
        expect(deployment, httpPort.equals(containerPort(container, "http")),
                "container port http is " + containerPort(container, "http") + " but the service listens on "
                        + httpPort);
        probe(deployment, container, "livenessProbe", "liveness", managementPort);
        probe(deployment, container, "readinessProbe", "readiness", managementPort);
        if (container.has("startupProbe")) {
            probe(deployment, container, "startupProbe", "liveness", managementPort);
        }
        scraping(deployment, pod, managementPort);
        resources(deployment, container);
        shutdown(deployment, pod, container, environment);
        secretsOnlyFromSecrets(deployment, environment);
        expect(deployment, "false".equals(environment.get("BZPEER_KAFKA_CREATE_TOPICS")),
                "must run with BZPEER_KAFKA_CREATE_TOPICS=false: the topic operator owns the topics");
        database(deployment, service, environment);
        kafkaClient(deployment, service, environment);
        serviceAndBudget(deployment, pod, container);
    }

    private void probe(Resource deployment, JsonNode container, String probe, String group, String managementPort) {
        JsonNode get = container.path(probe).path("httpGet");
        if (!get.isObject()) {
            violations.add(deployment + ": no HTTP " + probe);
            return;
        }
        String path = kit.actuatorBasePath() + "/health/" + group;
        expect(deployment, kit.probesEnabled() && kit.healthGroups().contains(group)
                        && kit.exposedEndpoints().contains("health"),
                probe + ": the services define no health group " + group + " with probes enabled and health exposed ("
                        + KitFacts.DEFAULTS + ")");
        expect(deployment, path.equals(Yaml.text(get, "path")),
                probe + " asks " + Yaml.text(get, "path") + ", the services answer on " + path);
        String port = resolvePort(container, Yaml.text(get, "port"));
        expect(deployment, port != null && port.equals(managementPort),
                probe + " asks port " + Yaml.text(get, "port") + " (" + port + "), actuator listens on "
                        + "MANAGEMENT_SERVER_PORT " + managementPort);
    }

    private void scraping(Resource deployment, JsonNode pod, String managementPort) {
        JsonNode annotations = pod.path("metadata").path("annotations");
        expect(deployment, "true".equals(Yaml.text(annotations, "prometheus.io/scrape"))
                        && kit.exposedEndpoints().contains("prometheus"),
                "is not scraped (prometheus.io/scrape) or the services do not expose prometheus");
        expect(deployment, String.valueOf(managementPort).equals(Yaml.text(annotations, "prometheus.io/port")),
                "is scraped on port " + Yaml.text(annotations, "prometheus.io/port") + ", actuator listens on "
                        + managementPort);
        expect(deployment, (kit.actuatorBasePath() + "/prometheus").equals(Yaml.text(annotations, "prometheus.io/path")),
                "is scraped on " + Yaml.text(annotations, "prometheus.io/path") + ", metrics are served on "
                        + kit.actuatorBasePath() + "/prometheus");
    }

    private void resources(Resource deployment, JsonNode container) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                expect(deployment, container.path("resources").path(bound).has(resource),
                        "sets no " + resource + " " + bound);
            }
        }
    }

    /** The pod must outlive the preStop pause plus Spring's graceful shutdown, or the kubelet kills it mid-batch. */
    private void shutdown(Resource deployment, JsonNode pod, JsonNode container, Map<String, String> environment) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        expect(deployment, preStop.isObject(), "has no preStop hook: requests still routed to it would fail");
        int pause = preStop.path("sleep").path("seconds").asInt(0);
        int shutdown = seconds(environment.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
        int grace = pod.path("spec").path("terminationGracePeriodSeconds").asInt(30);
        expect(deployment, grace > pause + shutdown, "terminationGracePeriodSeconds " + grace
                + " is not longer than the preStop pause " + pause + " s plus the shutdown timeout " + shutdown + " s");
    }

    private void secretsOnlyFromSecrets(Resource deployment, Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|JAAS|SECRET|TOKEN).*")) {
                expect(deployment, value == null || value.startsWith("secret:") || value.startsWith("/"),
                        "sets " + name + " to a literal value: secrets come from Secrets only");
            }
        });
    }

    private void database(Resource deployment, ServiceFacts service, Map<String, String> environment) {
        Set<String> secrets = new TreeSet<>();
        for (String variable : List.of("BZPEER_DB_HOST", "BZPEER_DB_PORT", "BZPEER_DB_NAME", "BZPEER_DB_USER",
                "BZPEER_DB_PASSWORD")) {
            String value = environment.get(variable);
            expect(deployment, value != null && value.startsWith("secret:"),
                    variable + " does not come from the database cluster's Secret");
            if (value != null && value.startsWith("secret:")) {
                secrets.add(value.substring("secret:".length(), value.indexOf('/')));
            }
        }
        if (secrets.size() != 1) {
            violations.add(deployment + ": the database settings come from " + secrets + ", not from one Secret");
            return;
        }
        String secret = secrets.iterator().next();
        Optional<Resource> cluster = manifests.ofKind("Cluster").stream()
                .filter(candidate -> secret.equals(candidate.name() + "-app")).findFirst();
        if (cluster.isEmpty()) {
            violations.add(deployment + ": database Secret " + secret + " is not the -app Secret of any Cluster");
            return;
        }
        String database = Yaml.text(cluster.get().spec(), "bootstrap", "initdb", "database");
        expect(cluster.get(), service.database().equals(database), "creates database " + database + ", but "
                + service.name() + " (bzpeer.service-name) expects " + service.database());
        int maxConnections = cluster.get().spec().path("postgresql").path("parameters").path("max_connections")
                .asInt(100);
        int instances = manifests.find("ScaledObject", service.name())
                .map(scaled -> scaled.spec().path("maxReplicaCount").asInt(100))
                .orElse(deployment.spec().path("replicas").asInt(1));
        int needed = instances * (kit.databasePoolMax() + 1) + 10;
        expect(cluster.get(), needed <= maxConnections, "allows " + maxConnections + " connections, but "
                + instances + " instances of " + service.name() + " may open " + needed
                + " (pool of " + kit.databasePoolMax() + " and Flyway each, plus 10 for the operator)");
    }

    private void kafkaClient(Resource deployment, ServiceFacts service, Map<String, String> environment) {
        expect(deployment, ("secret:" + service.name() + "/sasl.jaas.config")
                        .equals(environment.get("BZPEER_KAFKA_SASL_JAAS_CONFIG")),
                "BZPEER_KAFKA_SASL_JAAS_CONFIG must come from KafkaUser " + service.name() + "'s Secret");
        String bootstrap = String.valueOf(environment.get("BZPEER_KAFKA_BOOTSTRAP_SERVERS"));
        boolean matched = false;
        for (Resource kafka : manifests.ofKind("Kafka")) {
            for (JsonNode listener : kafka.spec().path("kafka").path("listeners")) {
                if (bootstrap.equals(kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt(0))) {
                    matched = true;
                    boolean tls = listener.path("tls").asBoolean(false);
                    boolean scram = "scram-sha-512".equals(Yaml.text(listener, "authentication", "type"));
                    String protocol = (scram ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
                    expect(deployment, protocol.equals(environment.get("BZPEER_KAFKA_SECURITY_PROTOCOL")),
                            "uses security protocol " + environment.get("BZPEER_KAFKA_SECURITY_PROTOCOL")
                                    + " on listener " + listener.path("name").asString() + ", which needs " + protocol);
                    expect(deployment, !scram || "SCRAM-SHA-512".equals(environment.get("BZPEER_KAFKA_SASL_MECHANISM")),
                            "listener " + listener.path("name").asString() + " takes SCRAM-SHA-512 only");
                }
            }
        }
        expect(deployment, matched, "BZPEER_KAFKA_BOOTSTRAP_SERVERS " + bootstrap
                + " is no listener of a declared Kafka (<cluster>-kafka-bootstrap:<port>)");
    }

    private void serviceAndBudget(Resource deployment, JsonNode pod, JsonNode container) {
        JsonNode labels = pod.path("metadata").path("labels");
        Optional<Resource> service = manifests.find("Service", deployment.name());
        expect(deployment, service.isPresent(), "has no Service of the same name");
        service.ifPresent(found -> {
            expect(found, selects(found.spec().path("selector"), labels), "selects no pod of " + deployment);
            for (JsonNode port : found.spec().path("ports")) {
                expect(found, resolvePort(container, Yaml.text(port, "targetPort")) != null,
                        "targets port " + Yaml.text(port, "targetPort") + ", which the container does not have");
            }
        });
        boolean budgeted = manifests.ofKind("PodDisruptionBudget").stream()
                .anyMatch(budget -> selects(budget.spec().path("selector").path("matchLabels"), labels));
        expect(deployment, budgeted, "has no PodDisruptionBudget selecting its pods");
    }

    private void scaledObject(ServiceFacts service) {
        Optional<Resource> found = manifests.ofKind("ScaledObject").stream()
                .filter(scaled -> service.name().equals(Yaml.text(scaled.spec(), "scaleTargetRef", "name")))
                .findFirst();
        if (found.isEmpty()) {
            violations.add("no ScaledObject scales Deployment " + service.name());
            return;
        }
        Resource scaled = found.get();
        int max = scaled.spec().path("maxReplicaCount").asInt(100);
        int min = scaled.spec().path("minReplicaCount").asInt(0);
        expect(scaled, min <= max, "minReplicaCount " + min + " exceeds maxReplicaCount " + max);
        Set<String> triggered = new TreeSet<>();
        String bootstrap = commonEnvironment().get("BZPEER_KAFKA_BOOTSTRAP_SERVERS");
        for (JsonNode trigger : scaled.spec().path("triggers")) {
            if (!"kafka".equals(Yaml.text(trigger, "type"))) {
                continue;
            }
            JsonNode metadata = trigger.path("metadata");
            String topic = Yaml.text(metadata, "topic");
            triggered.add(topic);
            expect(scaled, service.name().equals(Yaml.text(metadata, "consumerGroup")),
                    "watches consumer group " + Yaml.text(metadata, "consumerGroup") + ", but " + service.module()
                            + " consumes as group " + service.name() + " (spring.application.name)");
            expect(scaled, service.consumes().contains(topic), "watches topic " + topic + ", which "
                    + service.module() + " does not consume (its bindings: " + service.consumes() + ")");
            expect(scaled, String.valueOf(bootstrap).equals(Yaml.text(metadata, "bootstrapServers")),
                    "asks brokers " + Yaml.text(metadata, "bootstrapServers") + ", the services use " + bootstrap);
            manifests.partitions(topic).ifPresent(partitions -> expect(scaled, max <= partitions,
                    "maxReplicaCount " + max + " exceeds the " + partitions + " partitions of " + topic
                            + ": instances beyond that get no partition"));
            String authentication = Yaml.text(trigger, "authenticationRef", "name");
            expect(scaled, authentication != null
                            && manifests.find("TriggerAuthentication", authentication).isPresent(),
                    "authenticates with TriggerAuthentication " + authentication + ", which is not declared");
        }
        expect(scaled, triggered.containsAll(service.consumes()), "watches the lag on " + triggered + ", but "
                + service.module() + " consumes " + service.consumes());
    }

    private void kafkaUser(ServiceFacts service) {
        Optional<Resource> found = manifests.find("KafkaUser", service.name());
        if (found.isEmpty()) {
            violations.add("no KafkaUser " + service.name());
            return;
        }
        Resource user = found.get();
        expect(user, "scram-sha-512".equals(Yaml.text(user.spec(), "authentication", "type")),
                "must authenticate with scram-sha-512");
        Map<String, Set<String>> topicOperations = new HashMap<>();
        for (JsonNode acl : user.spec().path("authorization").path("acls")) {
            String type = Yaml.text(acl, "resource", "type");
            String name = Yaml.text(acl, "resource", "name");
            String pattern = Yaml.text(acl, "resource", "patternType");
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(operation -> operations.add(operation.asString()));
            expect(user, pattern == null || "literal".equals(pattern), "grants " + type + " " + name
                    + " by " + pattern + " pattern: ACLs name exact topics and groups only");
            expect(user, !operations.contains("All"), "grants All on " + type + " " + name);
            if ("group".equals(type)) {
                expect(user, service.name().equals(name), "grants group " + name + ", but its group is "
                        + service.name());
            } else if ("topic".equals(type)) {
                topicOperations.computeIfAbsent(name, topic -> new TreeSet<>()).addAll(operations);
            } else {
                violations.add(user + ": grants " + type + " " + name + "; a service needs topics and its group only");
            }
        }
        topicOperations.forEach((topic, operations) -> {
            Set<String> allowed = new TreeSet<>(Set.of("Describe"));
            if (service.consumes().contains(topic) || service.deadLetterTopics().contains(topic)) {
                allowed.add("Read");
            }
            if (service.produces().contains(topic) || service.deadLetterTopics().contains(topic)) {
                allowed.add("Write");
            }
            expect(user, allowed.containsAll(operations), "grants " + operations + " on topic " + topic + "; "
                    + service.module() + " needs at most " + allowed);
        });
        service.consumes().forEach(topic -> expect(user,
                topicOperations.getOrDefault(topic, Set.of()).contains("Read"), "cannot read " + topic
                        + ", which " + service.module() + " consumes"));
        Set<String> written = new TreeSet<>(service.produces());
        written.addAll(service.deadLetterTopics());
        written.forEach(topic -> expect(user, topicOperations.getOrDefault(topic, Set.of()).contains("Write"),
                "cannot write " + topic + ", which " + service.module() + " publishes to"));
    }

    private void secretReferences() {
        Map<String, Set<String>> known = new HashMap<>(HAND_MADE_SECRETS);
        manifests.ofKind("Cluster").forEach(cluster -> known.put(cluster.name() + "-app", CLOUDNATIVE_PG_APP_KEYS));
        manifests.ofKind("Kafka").forEach(kafka -> known.put(kafka.name() + "-cluster-ca-cert",
                STRIMZI_CLUSTER_CA_KEYS));
        manifests.ofKind("KafkaUser").forEach(user -> known.put(user.name(), STRIMZI_SCRAM_USER_KEYS));
        manifests.ofKind("Secret").forEach(secret -> {
            Set<String> keys = new TreeSet<>();
            secret.body().path("data").propertyNames().forEach(keys::add);
            secret.body().path("stringData").propertyNames().forEach(keys::add);
            known.put(secret.name(), keys);
        });
        for (Resource deployment : manifests.ofKind("Deployment")) {
            JsonNode pod = deployment.spec().path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    JsonNode reference = variable.path("valueFrom").path("secretKeyRef");
                    if (reference.isObject()) {
                        secretKey(deployment, known, Yaml.text(reference, "name"), Yaml.text(reference, "key"));
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                JsonNode secret = volume.path("secret");
                if (secret.isObject()) {
                    secret.path("items").forEach(item -> secretKey(deployment, known,
                            Yaml.text(secret, "secretName"), Yaml.text(item, "key")));
                }
            }
        }
        for (Resource authentication : manifests.ofKind("TriggerAuthentication")) {
            authentication.spec().path("secretTargetRef").forEach(reference -> secretKey(authentication, known,
                    Yaml.text(reference, "name"), Yaml.text(reference, "key")));
        }
    }

    private void secretKey(Resource resource, Map<String, Set<String>> known, String secret, String key) {
        if (!known.containsKey(secret)) {
            violations.add(resource + ": reads Secret " + secret + ", which no operator writes and no manifest "
                    + "or the runbook declares");
        } else if (!known.get(secret).contains(key)) {
            violations.add(resource + ": reads key " + key + " of Secret " + secret + ", which has only "
                    + new TreeSet<>(known.get(secret)));
        }
    }

    private void noAutoscalerBesideScaledObject() {
        for (Resource autoscaler : manifests.ofKind("HorizontalPodAutoscaler")) {
            String target = Yaml.text(autoscaler.spec(), "scaleTargetRef", "name");
            boolean scaled = manifests.ofKind("ScaledObject").stream()
                    .anyMatch(scaledObject -> String.valueOf(target)
                            .equals(Yaml.text(scaledObject.spec(), "scaleTargetRef", "name")));
            expect(autoscaler, !scaled, "scales " + target + ", which a ScaledObject already scales (KEDA makes "
                    + "its own HorizontalPodAutoscaler; two would fight)");
        }
    }

    private Map<String, String> commonEnvironment() {
        return manifests.configMapData("bzpeer-common");
    }

    private static String containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(Yaml.text(port, "name"))) {
                return port.path("containerPort").asString();
            }
        }
        return null;
    }

    /** A port given by name or number, as the container's port number; {@code null} if the container lacks it. */
    private static String resolvePort(JsonNode container, String port) {
        if (port == null) {
            return null;
        }
        if (port.matches("\\d+")) {
            for (JsonNode declared : container.path("ports")) {
                if (port.equals(declared.path("containerPort").asString())) {
                    return port;
                }
            }
            return null;
        }
        return containerPort(container, port);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asString().equals(Yaml.text(labels, entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int seconds(String duration) {
        if (duration == null) {
            return DEFAULT_SHUTDOWN_PHASE_SECONDS;
        }
        Matcher matcher = DURATION.matcher(duration.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a duration: " + duration);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return (int) switch (unit) {
            case "ms" -> (amount + 999) / 1000;
            case "m" -> amount * 60;
            default -> amount;
        };
    }

    private void expect(Resource resource, boolean condition, String message) {
        if (!condition) {
            violations.add(resource + ": " + message);
        }
    }
}
