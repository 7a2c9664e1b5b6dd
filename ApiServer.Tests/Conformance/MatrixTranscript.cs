using System.Text;

namespace Junction.ApiServer.Tests.Conformance;

/// <summary>Reads the kubectl matrix transcript (its format is described at the top of kubectl-matrix.txt).</summary>
internal static class MatrixTranscript
{
    public static IReadOnlyList<MatrixStep> Parse(string text)
    {
        var steps = new List<MatrixStep>();
        var pendingFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? command = null;
        var output = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("$ ", StringComparison.Ordinal) || line.StartsWith("! ", StringComparison.Ordinal))
            {
                Flush();
                command = line;
            }
            else if (line.StartsWith("%file ", StringComparison.Ordinal))
            {
                Flush();
                var name = line["%file ".Length..].Trim();
                var content = new StringBuilder();
                for (i++; i < lines.Length && lines[i] != "%end"; i++)
                {
                    content.Append(lines[i]).Append('\n');
                }

                if (i == lines.Length)
                {
                    throw new FormatException($"%file {name} has no %end");
                }

                pendingFiles[name] = content.ToString();
            }
            else if (line.StartsWith('#'))
            {
                Flush();
            }
            else if (command is not null)
            {
                output.Add(line);
            }
            else if (line.Trim().Length > 0)
            {
                throw new FormatException($"line {i + 1} belongs to no step: {line}");
            }
        }

        Flush();
        return steps;

        void Flush()
        {
            if (command is null)
            {
                return;
            }

            while (output.Count > 0 && output[^1].Trim().Length == 0)
            {
                output.RemoveAt(output.Count - 1);
            }

            var words = ShellWords.Split(command[2..]);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            var at = 0;
            while (at < words.Count && words[at] != "kubectl" && words[at].Contains('=', StringComparison.Ordinal))
            {
                var equals = words[at].IndexOf('=', StringComparison.Ordinal);
                environment[words[at][..equals]] = words[at][(equals + 1)..];
                at++;
            }

            if (at == words.Count || words[at] != "kubectl")
            {
                throw new FormatException($"a step must run kubectl: {command}");
            }

            steps.Add(new MatrixStep(
                steps.Count + 1, command, command[0] == '!', environment, words.Skip(at + 1).ToList(), output.ToList(),
                new Dictionary<string, string>(pendingFiles, StringComparer.Ordinal)));
            pendingFiles.Clear();
            output.Clear();
            command = null;
        }
    }
}
