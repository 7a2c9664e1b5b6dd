using Xunit;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>Edge cases kube-apiserver accepts, at the limits of the same rules.</summary>
internal static class ValidObjects
{
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
        yield return new("deployment", """{"spec":{"replicas":0}}""");
        yield return new("deployment", """{"spec":{"selector":{"matchLabels":null,"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]},{"key":"canary","operator":"DoesNotExist"}]}}}""");
        yield return new("deployment", """{"metadata":{"name":"a.b-c","labels":{"app.kubernetes.io/name":"web","empty":"","Upper_Case.ok":"A-1_b.2"}}}""");
        yield return new("deployment", "{\"metadata\":{\"labels\":{\"" + new string('k', 63) + "\":\"" + new string('v', 63) + "\"}}}");
        yield return new("deployment", """{"metadata":{"annotations":{"Example.com/Note":"case does not matter","kubectl.kubernetes.io/last-applied-configuration":"{}"}}}""");
        yield return new("deployment", "{\"metadata\":{\"annotations\":{\"note\":\"" + new string('x', 262140) + "\"}}}");
        yield return new("deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx","ports":[{"name":"abcdefghijklmno","containerPort":65535,"protocol":"SCTP"},{"name":"x-1","containerPort":1,"protocol":"UDP"}]}]}}}}""");
        yield return new("deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx","resources":{"limits":{"cpu":"0.5","memory":"1Gi","example.com/gpu":"1"},"requests":{"cpu":"500m","memory":"1024Mi","example.com/gpu":"1"}}}]}}}}""");
        yield return new("deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx","resources":{"requests":{"cpu":"250m","memory":"64Mi","ephemeral-storage":"1Gi"}}}]}}}}""");
        yield return new("deployment", """
            {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx",
              "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTPS"},"periodSeconds":1,"successThreshold":1,"failureThreshold":1},
              "readinessProbe":{"exec":{"command":["true"]},"successThreshold":3},
              "startupProbe":{"grpc":{"port":9090},"failureThreshold":30},
              "ports":[{"name":"http","containerPort":8080}]}]}}}}
            """);
        yield return new("deployment", """{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}""");
        yield return new("service", """{"metadata":{"name":"a"},"spec":{"ports":[{"name":"http","port":80,"targetPort":"http"},{"name":"admin","port":9000,"targetPort":9000,"protocol":"UDP"}]}}""");
        yield return new("service", """{"spec":{"ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]}}""");
        yield return new("service", """{"spec":{"clusterIP":"None","ports":null}}""");
        yield return new("service", """{"spec":{"type":"ExternalName","externalName":"example.com.","ports":null}}""");
        yield return new("service", """{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""");
        yield return new("service", """{"spec":{"type":"LoadBalancer","ports":[{"port":443,"targetPort":8443}]}}""");
        yield return new("ingress", """{"spec":{"rules":[{"host":"*.example.com","http":{"paths":[{"pathType":"ImplementationSpecific","backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}]}}""");
        yield return new("ingress", """{"spec":{"rules":null,"defaultBackend":{"resource":{"apiGroup":"k8s.example.com","kind":"StorageBucket","name":"static"}}}}""");
        yield return new("ingress", """{"spec":{"ingressClassName":"haproxy","tls":[{"hosts":["*.example.com","example.com"],"secretName":"tls-cert"}],"rules":[{"http":{"paths":[{"path":"/api/v1","pathType":"Exact","backend":{"service":{"name":"web","port":{"number":65535}}}}]}}]}}""");
        yield return new("configmap", """{"data":{"KEY_NAME":"v",".hidden":"v","a.b-c_d":"v"},"binaryData":{"blob.bin":"AAE="}}""");
        yield return new("secret", """{"type":"kubernetes.io/tls","data":{"tls.crt":"YQ==","tls.key":"Yg=="}}""");
        yield return new("secret", """{"type":"kubernetes.io/basic-auth","data":{"username":"dQ=="}}""");
        yield return new("secret", """{"type":"example.com/custom","data":null}""");
        yield return new("namespace", """{"metadata":{"name":"kube-demo-1"}}""");
        yield return new("namespace", "{\"metadata\":{\"name\":\"" + new string('n', 63) + "\"}}");
        yield return new("pod", """{"spec":{"initContainers":[{"name":"proxy","image":"haproxy","restartPolicy":"Always","startupProbe":{"tcpSocket":{"port":15021}}}]}}""");
    }
}
