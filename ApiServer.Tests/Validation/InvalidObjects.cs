using Xunit;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>
/// Objects kube-apiserver refuses, each with the message, first field and reason a v1.32 server answers
/// (wording from k8s.io/apimachinery validation and pkg/apis/{core,apps,networking}/validation).
/// </summary>
internal static class InvalidObjects
{
    public const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    public const string Dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    public const string LabelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    public const string NamePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    public const string ConfigKey = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    public const string Wildcard = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string D = "Deployment.apps \"web\" is invalid: ";
    private const string S = "Service \"web\" is invalid: ";
    private const string I = "Ingress.networking.k8s.io \"web\" is invalid: ";
    private const string C = "spec.template.spec.containers[0]";
    private const string P = "spec.rules[0].http.paths[0]";
    private const string Mismatch = "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`";
    private const string Required = "FieldValueRequired";
    private const string Invalid = "FieldValueInvalid";
    private const string NotSupported = "FieldValueNotSupported";

    public static TheoryData<ValidationCase> All
    {
        get
        {
            var data = new TheoryData<ValidationCase>();
            foreach (var c in Cases())
            {
                data.Add(c);
            }

            return data;
        }
    }

    private static IEnumerable<ValidationCase> Cases()
    {
        // Containers: name, image, uniqueness.
        yield return Dep(Containers("""[{"image":"nginx"}]"""), $"{C}.name: Required value", $"{C}.name", Required);
        yield return Dep(Containers("""[{"name":"app"}]"""), $"{C}.image: Required value", $"{C}.image", Required);
        yield return Dep(Containers("""[{"name":"App_1","image":"nginx"}]"""), $"{C}.name: Invalid value: \"App_1\": {Label}", $"{C}.name", Invalid);
        yield return Dep(Containers("""[{"name":"app","image":"a"},{"name":"app","image":"b"}]"""), "spec.template.spec.containers[1].name: Duplicate value: \"app\"", "spec.template.spec.containers[1].name", "FieldValueDuplicate");
        yield return Dep(Containers("[]"), "spec.template.spec.containers: Required value", "spec.template.spec.containers", Required);

        // Replicas and the selector.
        yield return Dep("""{"spec":{"replicas":-1}}""", "spec.replicas: Invalid value: -1: must be greater than or equal to 0", "spec.replicas", Invalid);
        yield return Dep("""{"spec":{"selector":null}}""", $"[spec.selector: Required value, {Mismatch}]", "spec.selector", Required);
        yield return Dep("""{"spec":{"selector":{"matchLabels":{"app":"other"}}}}""", Mismatch, "spec.template.metadata.labels", Invalid);
        yield return Dep("""{"spec":{"selector":{"matchLabels":null}}}""", "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment", "spec.selector", Invalid);
        yield return Dep(
            """{"spec":{"selector":{"matchExpressions":[{"key":"tier","operator":"Equals","values":["a"]}]}}}""",
            "[spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"Equals\", Values:[]string{\"a\"}}}}: invalid label selector]",
            "spec.selector.matchExpressions[0].operator",
            Invalid);
        yield return Dep(
            """{"spec":{"selector":{"matchExpressions":[{"key":"app","operator":"In"}]}}}""",
            "[spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector]",
            "spec.selector.matchExpressions[0].values",
            Required);
        yield return Dep("""{"spec":{"minReadySeconds":10,"progressDeadlineSeconds":5}}""", "spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds", "spec.progressDeadlineSeconds", Invalid);
        yield return Dep("""{"spec":{"template":{"spec":{"restartPolicy":"OnFailure"}}}}""", "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"", "spec.template.spec.restartPolicy", NotSupported);

        // Container ports: numbers, IANA_SVC_NAME names, protocols.
        yield return Dep(Container("""{"containerPort":70000}"""), $"{C}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive", $"{C}.ports[0].containerPort", Invalid);
        yield return Dep(Container("""{"name":"http"}"""), $"{C}.ports[0].containerPort: Required value", $"{C}.ports[0].containerPort", Required);
        yield return Dep(Container("""{"name":"http_web","containerPort":80}"""), $"{C}.ports[0].name: Invalid value: \"http_web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", $"{C}.ports[0].name", Invalid);
        yield return Dep(Container("""{"name":"a-very-long-port-name","containerPort":80}"""), $"{C}.ports[0].name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters", $"{C}.ports[0].name", Invalid);
        yield return Dep(Container("""{"name":"8080","containerPort":80}"""), $"{C}.ports[0].name: Invalid value: \"8080\": must contain at least one letter (a-z)", $"{C}.ports[0].name", Invalid);
        yield return Dep(Container("""{"name":"http","containerPort":80},{"name":"http","containerPort":81}"""), $"{C}.ports[1].name: Duplicate value: \"http\"", $"{C}.ports[1].name", "FieldValueDuplicate");
        yield return Dep(Container("""{"containerPort":80,"protocol":"HTTP"}"""), $"{C}.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"", $"{C}.ports[0].protocol", NotSupported);

        // Probes: one handler, valid ports, timings, thresholds.
        yield return Dep(ContainerWith(""" "livenessProbe":{"httpGet":{"path":"/","port":80},"tcpSocket":{"port":80}} """), $"{C}.livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type", $"{C}.livenessProbe.tcpSocket", "FieldValueForbidden");
        yield return Dep(ContainerWith(""" "readinessProbe":{"periodSeconds":5} """), $"{C}.readinessProbe: Required value: must specify a handler type", $"{C}.readinessProbe", Required);
        yield return Dep(ContainerWith(""" "readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":-1} """), $"{C}.readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0", $"{C}.readinessProbe.periodSeconds", Invalid);
        yield return Dep(ContainerWith(""" "livenessProbe":{"tcpSocket":{"port":80},"successThreshold":2} """), $"{C}.livenessProbe.successThreshold: Invalid value: 2: must be 1", $"{C}.livenessProbe.successThreshold", Invalid);
        yield return Dep(ContainerWith(""" "livenessProbe":{"tcpSocket":{"port":0}} """), $"{C}.livenessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive", $"{C}.livenessProbe.tcpSocket.port", Invalid);
        yield return Dep(ContainerWith(""" "startupProbe":{"httpGet":{"path":"/","port":"web_port"}} """), $"{C}.startupProbe.httpGet.port: Invalid value: \"web_port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", $"{C}.startupProbe.httpGet.port", Invalid);
        yield return Dep(ContainerWith(""" "readinessProbe":{"httpGet":{"path":"/","port":80,"scheme":"FTP"}} """), $"{C}.readinessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\"", $"{C}.readinessProbe.httpGet.scheme", NotSupported);
        yield return Dep(ContainerWith(""" "livenessProbe":{"exec":{}} """), $"{C}.livenessProbe.exec.command: Required value", $"{C}.livenessProbe.exec.command", Required);

        // Resources: requests at most limits, printed in canonical form; known names.
        yield return Dep(ContainerWith(""" "resources":{"limits":{"cpu":"1"},"requests":{"cpu":"2"}} """), $"{C}.resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1", $"{C}.resources.requests", Invalid);
        yield return Dep(ContainerWith(""" "resources":{"limits":{"cpu":"1000m"},"requests":{"cpu":"1.5"}} """), $"{C}.resources.requests: Invalid value: \"1500m\": must be less than or equal to cpu limit of 1", $"{C}.resources.requests", Invalid);
        yield return Dep(ContainerWith(""" "resources":{"limits":{"memory":"1024Mi"},"requests":{"memory":"1536Mi"}} """), $"{C}.resources.requests: Invalid value: \"1536Mi\": must be less than or equal to memory limit of 1Gi", $"{C}.resources.requests", Invalid);
        yield return Dep(ContainerWith(""" "resources":{"limits":{"gpu":"1"}} """), $"[{C}.resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified, {C}.resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers]", $"{C}.resources.limits[gpu]", Invalid);
        yield return Dep(ContainerWith(""" "resources":{"limits":{"example.com/gpu":"2"},"requests":{"example.com/gpu":"1"}} """), $"{C}.resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2", $"{C}.resources.requests", Invalid);

        // Labels and annotations, on the object and on the template.
        yield return Dep("""{"metadata":{"labels":{"bad key":"x"}}}""", $"metadata.labels: Invalid value: \"bad key\": {NamePart}", "metadata.labels", Invalid);
        yield return Dep("{\"metadata\":{\"labels\":{\"app\":\"" + new string('a', 64) + "\"}}}", $"metadata.labels: Invalid value: \"{new string('a', 64)}\": must be no more than 63 characters", "metadata.labels", Invalid);
        yield return Dep("""{"metadata":{"labels":{"Example.com/app":"x"}}}""", $"metadata.labels: Invalid value: \"Example.com/app\": prefix part {Subdomain}", "metadata.labels", Invalid);
        yield return Dep("""{"spec":{"template":{"metadata":{"labels":{"tier":"front end"}}}}}""", $"spec.template.labels: Invalid value: \"front end\": {LabelValue}", "spec.template.labels", Invalid);
        yield return Dep(
            """{"metadata":{"annotations":{"a/b/c":"x"}}}""",
            "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            "metadata.annotations",
            Invalid);
        yield return Dep("{\"metadata\":{\"annotations\":{\"note\":\"" + new string('x', 262141) + "\"}}}", "metadata.annotations: Too long: may not be more than 262144 bytes", "metadata.annotations", "FieldValueTooLong");

        // Names by kind: subdomains, DNS-1035 labels for Services, DNS-1123 labels for Namespaces.
        yield return new("deployment", """{"metadata":{"name":"Web"}}""", $"Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": {Subdomain}", "metadata.name", Invalid);
        yield return new("service", """{"metadata":{"name":"1web"}}""", $"Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": {Dns1035}", "metadata.name", Invalid);
        yield return new("service", """{"metadata":{"name":"web.internal"}}""", $"Service \"web.internal\" is invalid: metadata.name: Invalid value: \"web.internal\": {Dns1035}", "metadata.name", Invalid);
        yield return new("namespace", """{"metadata":{"name":"Demo"}}""", $"Namespace \"Demo\" is invalid: metadata.name: Invalid value: \"Demo\": {Label}", "metadata.name", Invalid);
        yield return new("namespace", """{"metadata":{"name":"demo.team"}}""", $"Namespace \"demo.team\" is invalid: metadata.name: Invalid value: \"demo.team\": {Label}", "metadata.name", Invalid);

        // Services: ports, protocols, targetPorts, nodePorts, types.
        yield return Svc("""{"spec":{"ports":[{"port":0}]}}""", "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", "spec.ports[0].port", Invalid);
        yield return Svc("""{"spec":{"ports":null}}""", "spec.ports: Required value", "spec.ports", Required);
        yield return Svc("""{"spec":{"ports":[{"port":80,"protocol":"HTTP"}]}}""", "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"", "spec.ports[0].protocol", NotSupported);
        yield return Svc("""{"spec":{"ports":[{"name":"http","port":80},{"name":"http","port":81}]}}""", "spec.ports[1].name: Duplicate value: \"http\"", "spec.ports[1].name", "FieldValueDuplicate");
        yield return Svc(
            """{"spec":{"ports":[{"name":"a","port":80},{"name":"b","port":80}]}}""",
            "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
            "spec.ports[1]",
            "FieldValueDuplicate");
        yield return Svc("""{"spec":{"ports":[{"port":80,"targetPort":"http_alt"}]}}""", "spec.ports[0].targetPort: Invalid value: \"http_alt\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "spec.ports[0].targetPort", Invalid);
        yield return Svc("""{"spec":{"ports":[{"port":80,"targetPort":"8080"}]}}""", "spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)", "spec.ports[0].targetPort", Invalid);
        yield return Svc("""{"spec":{"ports":[{"port":80,"targetPort":70000}]}}""", "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive", "spec.ports[0].targetPort", Invalid);
        yield return Svc("""{"spec":{"ports":[{"port":80,"nodePort":30080}]}}""", "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'", "spec.ports[0].nodePort", "FieldValueForbidden");
        yield return Svc("""{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":80}]}}""", "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767", "spec.ports[0].nodePort", Invalid);
        yield return Svc("""{"spec":{"type":"LoadBalancer","clusterIP":"None"}}""", "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services", "spec.clusterIPs[0]", Invalid);
        yield return Svc("""{"spec":{"type":"ExternalName"}}""", "spec.externalName: Required value", "spec.externalName", Required);
        yield return Svc("""{"spec":{"type":"ExternalName","externalName":"Bad_Host"}}""", $"spec.externalName: Invalid value: \"Bad_Host\": {Subdomain}", "spec.externalName", Invalid);
        yield return Svc("""{"spec":{"type":"Internal"}}""", "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"", "spec.type", NotSupported);
        yield return Svc("""{"spec":{"selector":{"app":"web server"}}}""", $"spec.selector: Invalid value: \"web server\": {LabelValue}", "spec.selector", Invalid);

        // Ingress: hosts, paths, backends.
        yield return Ing("""{"spec":{"rules":[{"host":"*","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""", $"spec.rules[0].host: Invalid value: \"*\": {Wildcard}", "spec.rules[0].host", Invalid);
        yield return Ing("""{"spec":{"rules":[{"host":"foo.*.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""", $"spec.rules[0].host: Invalid value: \"foo.*.com\": {Wildcard}", "spec.rules[0].host", Invalid);
        yield return Ing("""{"spec":{"rules":[{"host":"10.0.0.1"}]}}""", "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address", "spec.rules[0].host", Invalid);
        yield return Ing(Path("""{"path":"api","pathType":"Exact","backend":{"service":{"name":"web","port":{"number":80}}}}"""), $"{P}.path: Invalid value: \"api\": must be an absolute path", $"{P}.path", Invalid);
        yield return Ing(Path("""{"path":"/","backend":{"service":{"name":"web","port":{"number":70000}}}}"""), $"{P}.pathType: Required value: pathType must be specified", $"{P}.pathType", Required);
        yield return Ing(Path("""{"path":"/","pathType":"Regex","backend":{"service":{"name":"web","port":{"number":80}}}}"""), $"{P}.pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"", $"{P}.pathType", NotSupported);
        yield return Ing(Path("""{"path":"/a//b","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}"""), $"{P}.path: Invalid value: \"/a//b\": must not contain '//'", $"{P}.path", Invalid);
        yield return Ing(Path("""{"path":"/a/..","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}"""), $"{P}.path: Invalid value: \"/a/..\": cannot end with '/..'", $"{P}.path", Invalid);
        yield return Ing(Path("""{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}},"resource":{"kind":"Bucket","name":"b"}}}"""), $"{P}.backend: Invalid value: \"\": cannot set both resource and service backends", $"{P}.backend", Invalid);
        yield return Ing(Path("""{"path":"/","pathType":"Prefix","backend":{}}"""), $"{P}.backend: Invalid value: \"\": resource or service backend is required", $"{P}.backend", Invalid);
        yield return Ing(Path("""{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"name":"http","number":80}}}}"""), $"{P}.backend: Invalid value: \"\": cannot set both port name & port number", $"{P}.backend", Invalid);
        yield return Ing(Path("""{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{}}}}"""), $"{P}.backend: Required value: port name or number is required", $"{P}.backend", Required);
        yield return Ing(Path("""{"path":"/","pathType":"Prefix","backend":{"service":{"name":"Web","port":{"number":80}}}}"""), $"{P}.backend.service.name: Invalid value: \"Web\": {Dns1035}", $"{P}.backend.service.name", Invalid);
        yield return Ing("""{"spec":{"rules":null}}""", "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified", "spec", Invalid);

        // ConfigMap and Secret keys, Secret types.
        yield return new("configmap", """{"data":{"bad key":"v"}}""", $"ConfigMap \"cfg\" is invalid: data[bad key]: Invalid value: \"bad key\": {ConfigKey}", "data[bad key]", Invalid);
        yield return new("configmap", """{"data":{"..":"v"}}""", "ConfigMap \"cfg\" is invalid: data[..]: Invalid value: \"..\": must not be '..'", "data[..]", Invalid);
        yield return new("configmap", "{\"data\":{\"big\":\"" + new string('x', 1024 * 1024) + "\",\"more\":\"x\"}}", "ConfigMap \"cfg\" is invalid: []: Too long: may not be more than 1048576 bytes", "[]", "FieldValueTooLong");
        yield return new("secret", """{"data":{"a b":"dg=="}}""", $"Secret \"s\" is invalid: data[a b]: Invalid value: \"a b\": {ConfigKey}", "data[a b]", Invalid);
        yield return new("secret", """{"type":"kubernetes.io/tls","data":{"tls.crt":"YQ=="}}""", "Secret \"s\" is invalid: data[tls.key]: Required value", "data[tls.key]", Required);
        yield return new("secret", """{"type":"kubernetes.io/basic-auth"}""", "Secret \"s\" is invalid: [data[username]: Required value, data[password]: Required value]", "data[username]", Required);

        // Pods.
        yield return new("pod", """{"spec":{"containers":[{"image":"nginx"}]}}""", "Pod \"p\" is invalid: spec.containers[0].name: Required value", "spec.containers[0].name", Required);
        yield return new("pod", """{"spec":{"initContainers":[{"name":"app","image":"busybox"}]}}""", "Pod \"p\" is invalid: spec.initContainers[0].name: Duplicate value: \"app\"", "spec.initContainers[0].name", "FieldValueDuplicate");
    }

    private static ValidationCase Dep(string patch, string message, string field, string reason) => new("deployment", patch, D + message, field, reason);

    private static ValidationCase Svc(string patch, string message, string field, string reason) => new("service", patch, S + message, field, reason);

    private static ValidationCase Ing(string patch, string message, string field, string reason) => new("ingress", patch, I + message, field, reason);

    private static string Containers(string containers) => """{"spec":{"template":{"spec":{"containers":""" + containers + "}}}}";

    private static string Container(string ports) => Containers("""[{"name":"app","image":"nginx:1.25","ports":[""" + ports + "]}]");

    private static string ContainerWith(string fields) => Containers("""[{"name":"app","image":"nginx:1.25",""" + fields + "}]");

    private static string Path(string path) => """{"spec":{"rules":[{"host":"example.com","http":{"paths":[""" + path + "]}}]}}";
}
