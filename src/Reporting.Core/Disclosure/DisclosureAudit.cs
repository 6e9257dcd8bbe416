using Google.OrTools.LinearSolver;
using Reporting.Domain.Aggregation;

namespace Reporting.Disclosure;

/// <summary>
/// What one funder workbook publishes, as the auditor sees it: every count it shows (with its value), every count
/// it hides (the marker: a count of at least one), which hidden counts are small (the ones to protect), and the
/// counts of a part it leaves out for too few records (what a reader knows of them: the part's total is from 1
/// to the threshold − 1, so every count of it is at most that).
/// </summary>
public sealed record PublishedCells(
    string Report,
    PeriodKind Kind,
    DateOnly From,
    DateOnly To,
    bool SplitBrussels,
    int Threshold,
    IReadOnlyDictionary<string, long> Shown,
    IReadOnlySet<string> Hidden,
    IReadOnlySet<string> Protected,
    IReadOnlySet<string>? Withheld = null)
{
    public IReadOnlySet<string> LeftOut { get; } = Withheld ?? new HashSet<string>(StringComparer.Ordinal);

    public bool Publishes(string id) => Shown.ContainsKey(id) || Hidden.Contains(id);

    /// <summary>The total of a part left out: entries or activities.</summary>
    public static bool IsPartTotal(string id) => id is WorkbookCells.Entries or WorkbookCells.Activities;
}

/// <summary>A protected count whose value can be narrowed down to fewer than the threshold's width of values.</summary>
public sealed record AuditFinding(string Report, string Cell, double Low, double High)
{
    public override string ToString() => $"{Report} {Cell}: between {Low:0.##} and {High:0.##}";
}

/// <summary>
/// The audit before publishing. A count from 1 to the threshold − 1 that a workbook shows is a finding. For every
/// protected count (a small count a workbook hides) of a family of funder workbooks, it works out the range of
/// values consistent with everything the family shows, by linear programming (Google OR-Tools, GLOP): the true
/// values of all counts are unknowns; a shown count is its value, a hidden one is at least 1 (zeros are always
/// shown); the relations are those of each workbook's tables (<see cref="WorkbookCells.Relations"/>), of periods
/// inside periods (a quarter's count is its months' sum), and of two workbooks of one period (the same counts; and
/// Brussel-Stad whole is its rest plus its parts). A count whose range holds fewer than its workbook's threshold of
/// whole values is a finding.
/// </summary>
/// <remarks>
/// The ranges are those of the linear relaxation: an attacker restricted to whole numbers may sometimes narrow a
/// range a little further than the auditor sees. Published workbooks made from different states of the records (a
/// correction between a month's workbook and its quarter's) can contradict the relations between workbooks; the
/// audit then falls back to the relations within each workbook, and says so.
/// </remarks>
public static class DisclosureAudit
{
    public sealed record Result(IReadOnlyList<AuditFinding> Findings, bool FamilyContradictory);

    /// <summary>
    /// Audits the protected counts of a family: all of them, or only those named in <paramref name="only"/>, or only
    /// those that <paramref name="newest"/> (a report of the family) can reach through the relations: the others
    /// passed when the workbook that reached them last was published.
    /// </summary>
    public static Result Run(IReadOnlyList<PublishedCells> family, IReadOnlyList<string> brusselsParts,
        IReadOnlyCollection<(string Report, string Cell)>? only = null, string? newest = null, bool acrossWorkbooks = true)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(brusselsParts);
        var model = FamilyModel.Build(family, brusselsParts, acrossWorkbooks);
        var findings = model.Audit(only?.ToHashSet(), newest is null ? null : model.BlockOf(newest));
        return new Result(findings, model.CrossWorkbookDropped);
    }
}

/// <summary>
/// What the workbooks of a family say of their counts cannot all be true: they were made from different states of
/// the records (a correction between a month's workbook in one language and in another), in a way the shown counts
/// alone do not give away (a count left out for too few records in one, shown in the other).
/// </summary>
public sealed class FamilyContradictionException(string message) : InvalidOperationException(message);

/// <summary>A count of one workbook of a family: its index in the family and its id.</summary>
internal readonly record struct Node(int Block, string Cell);

/// <summary>One linear relation between the true values of counts: Σ terms (=, ≥, ≤) Σ totals.</summary>
internal sealed record Constraint(IReadOnlyList<Node> Terms, RelationKind Kind, IReadOnlyList<Node> Totals)
{
    public IEnumerable<Node> Nodes => Terms.Concat(Totals);
}

/// <summary>
/// The counts of a family of workbooks and the relations between them, with the linear programs that bound a
/// count. Counts can be marked hidden after it is made (<see cref="Hide"/>): what the disclosure control tries.
/// </summary>
internal sealed class FamilyModel
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// Far above any count: every unknown is below it, so that no program is unbounded (GLOP's presolve may then not
    /// tell unbounded from infeasible). A range that reaches it is as wide as can be.
    /// </summary>
    private const double Ceiling = 1e7;

    private readonly IReadOnlyList<PublishedCells> _family;
    private readonly HashSet<Node> _alsoHidden = [];
    private List<Constraint> _constraints = [];
    private Dictionary<Node, List<int>> _constraintsOf = [];

    private FamilyModel(IReadOnlyList<PublishedCells> family) => _family = family;

    /// <summary>Whether the relations between workbooks were left out because the shown counts contradict them.</summary>
    public bool CrossWorkbookDropped { get; private set; }

    public IReadOnlyList<Constraint> Constraints => _constraints;

    public IReadOnlyList<int> ConstraintsOf(Node node) => _constraintsOf.GetValueOrDefault(node) ?? [];

    public int BlockOf(string report) => _family.ToList().FindIndex(f => f.Report == report);

    /// <summary>
    /// The model of a family; with <paramref name="acrossWorkbooks"/> false, or when the shown counts contradict the
    /// relations between workbooks, only the relations within each workbook.
    /// </summary>
    public static FamilyModel Build(IReadOnlyList<PublishedCells> family, IReadOnlyList<string> brusselsParts, bool acrossWorkbooks = true)
    {
        var model = new FamilyModel(family);
        model.Relate(brusselsParts, crossWorkbook: acrossWorkbooks);
        model.CrossWorkbookDropped = !acrossWorkbooks;
        if (acrossWorkbooks && model.ShownCountsContradict())
        {
            model.CrossWorkbookDropped = true;
            model.Relate(brusselsParts, crossWorkbook: false);
            if (model.ShownCountsContradict())
            {
                throw new InvalidOperationException("The counts of a workbook contradict the relations of its own tables.");
            }
        }
        return model;
    }

    private void Relate(IReadOnlyList<string> parts, bool crossWorkbook)
    {
        _constraints = [];
        _constraintsOf = [];
        for (var b = 0; b < _family.Count; b++)
        {
            foreach (var relation in WorkbookCells.Relations(Ids(_family[b]).ToHashSet(StringComparer.Ordinal)))
            {
                var block = b;
                Add([.. relation.Terms.Select(t => new Node(block, t))], relation.Kind, [new Node(block, relation.Total)]);
            }
        }
        if (crossWorkbook)
        {
            RelatePeriods();
            RelateSamePeriod(parts);
            RelateTrends();
        }
    }

    /// <summary>
    /// A month's trend count is that month's count wherever it stands: in the trend of another workbook (a quarter's
    /// and its year's), and as the count of the month's own workbook.
    /// </summary>
    private void RelateTrends()
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        // Each month workbook's cells, looked up once per trend cell rather than listed again.
        var monthCells = new Dictionary<DateOnly, (int Block, HashSet<string> Cells)>();
        for (var i = _family.Count - 1; i >= 0; i--)
        {
            if (_family[i].Kind == PeriodKind.Month)
            {
                monthCells[_family[i].From] = (i, Ids(_family[i]).ToHashSet(StringComparer.Ordinal));
            }
        }
        // A range may start or end within a month: its first and last months are partial.
        for (var b = 0; b < _family.Count; b++)
        {
            if (_family[b].Kind == PeriodKind.Range)
            {
                continue;
            }
            foreach (var cell in Ids(_family[b]).Where(id => id.StartsWith(WorkbookCells.Trend + "|", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                if (first.TryGetValue(cell, out var earlier))
                {
                    Add([new Node(b, cell)], RelationKind.Equal, [new Node(earlier, cell)]);
                    continue;
                }
                first[cell] = b;
                var (_, _, month, measure) = WorkbookCells.Parse(cell);
                var from = DateOnly.ParseExact(month! + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var counterpart = WorkbookCells.TrendBase(measure!);
                if (monthCells.TryGetValue(from, out var own) && own.Cells.Contains(counterpart))
                {
                    Add([new Node(own.Block, counterpart)], RelationKind.Equal, [new Node(b, cell)]);
                }
            }
        }
    }

    private void Add(IReadOnlyList<Node> terms, RelationKind kind, IReadOnlyList<Node> totals)
    {
        var index = _constraints.Count;
        _constraints.Add(new Constraint(terms, kind, totals));
        foreach (var node in terms.Concat(totals).Distinct())
        {
            if (!_constraintsOf.TryGetValue(node, out var list))
            {
                _constraintsOf[node] = list = [];
            }
            list.Add(index);
        }
    }

    /// <summary>A count of a longer period is the sum of the same count over the periods inside it (all of them, or at least those published).</summary>
    private void RelatePeriods()
    {
        for (var s = 0; s < _family.Count; s++)
        {
            var outer = _family[s];
            foreach (var level in new[] { PeriodKind.Month, PeriodKind.Quarter })
            {
                if (level >= outer.Kind)
                {
                    continue;
                }
                // One workbook per period inside (workbooks of the same period are equal to each other anyway).
                var inner = Enumerable.Range(0, _family.Count)
                    .Where(i => _family[i].Kind == level && _family[i].SplitBrussels == outer.SplitBrussels && _family[i].From >= outer.From && _family[i].To <= outer.To)
                    .GroupBy(i => (_family[i].From, _family[i].To))
                    .Select(g => g.First())
                    .ToList();
                if (inner.Count == 0)
                {
                    continue;
                }
                var covered = inner.Sum(i => _family[i].To.DayNumber - _family[i].From.DayNumber + 1) == outer.To.DayNumber - outer.From.DayNumber + 1;
                foreach (var cell in inner.SelectMany(i => Ids(_family[i])).Concat(Ids(outer)).Distinct(StringComparer.Ordinal))
                {
                    Add([.. inner.Select(i => new Node(i, cell))], covered ? RelationKind.Equal : RelationKind.AtMost, [new Node(s, cell)]);
                }
            }
        }
    }

    /// <summary>
    /// Two workbooks of one period count the same records: every count is the same in both (another language, an
    /// earlier edition), except that Brussel-Stad whole is its rest plus its parts.
    /// </summary>
    private void RelateSamePeriod(IReadOnlyList<string> parts)
    {
        for (var w = 0; w < _family.Count; w++)
        {
            var whole = _family[w];
            for (var p = 0; p < _family.Count; p++)
            {
                var other = _family[p];
                if (p == w || other.From != whole.From || other.To != whole.To)
                {
                    continue;
                }
                if (whole.SplitBrussels == other.SplitBrussels)
                {
                    if (p > w)
                    {
                        foreach (var cell in Ids(whole).Concat(Ids(other)).Distinct(StringComparer.Ordinal))
                        {
                            Add([new Node(p, cell)], RelationKind.Equal, [new Node(w, cell)]);
                        }
                    }
                }
                else if (!whole.SplitBrussels)
                {
                    foreach (var cell in Ids(whole))
                    {
                        var terms = WorkbookCells.MunicipalityOf(cell) == ReportAggregator.BrusselsCity
                            ? [new Node(p, cell), .. parts.Select(part => new Node(p, WorkbookCells.WithMunicipality(cell, part)))]
                            : new List<Node> { new(p, cell) };
                        Add(terms, RelationKind.Equal, [new Node(w, cell)]);
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Ids(PublishedCells block) => block.Shown.Keys.Concat(block.Hidden).Concat(block.LeftOut);

    /// <summary>Marks a shown count hidden from now on.</summary>
    public void Hide(Node node) => _alsoHidden.Add(node);

    public void Unhide(Node node) => _alsoHidden.Remove(node);

    public bool IsHidden(Node node) => _alsoHidden.Contains(node) || _family[node.Block].Hidden.Contains(node.Cell);

    /// <summary>A shown count's value; null for a hidden or unpublished one (an unknown).</summary>
    public double? ValueOf(Node node) =>
        !_alsoHidden.Contains(node) && _family[node.Block].Shown.TryGetValue(node.Cell, out var value) ? value : null;

    /// <summary>
    /// A hidden count is at least 1. So is the total of a part left out alone (it has from 1 to threshold − 1
    /// records); when both parts are left out, one of them may be empty (left out beside the other), so each is at
    /// least 0.
    /// </summary>
    private double LowerBoundOf(Node node)
    {
        var block = _family[node.Block];
        var leftOutAlone = PublishedCells.IsPartTotal(node.Cell) && block.LeftOut.Contains(node.Cell)
            && !block.LeftOut.Contains(node.Cell == WorkbookCells.Entries ? WorkbookCells.Activities : WorkbookCells.Entries);
        return IsHidden(node) || leftOutAlone ? 1 : 0;
    }

    /// <summary>
    /// A count of records of a part left out is at most the threshold − 1 (its part has fewer records); the sum of
    /// their participants is not a count of records and may be anything.
    /// </summary>
    private double UpperBoundOf(Node node) =>
        _family[node.Block].LeftOut.Contains(node.Cell) && !WorkbookCells.IsSum(node.Cell) ? _family[node.Block].Threshold - 1 : Ceiling;

    /// <summary>Whether the shown counts contradict a relation on their own (workbooks made from different records).</summary>
    private bool ShownCountsContradict()
    {
        foreach (var constraint in _constraints)
        {
            if (constraint.Nodes.Any(n => ValueOf(n) is null))
            {
                continue;
            }
            var difference = constraint.Terms.Sum(n => ValueOf(n)!.Value) - constraint.Totals.Sum(n => ValueOf(n)!.Value);
            var holds = constraint.Kind switch
            {
                RelationKind.Equal => Math.Abs(difference) < Tolerance,
                RelationKind.AtLeast => difference > -Tolerance,
                _ => difference < Tolerance,
            };
            if (!holds)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The findings among the protected counts (see <see cref="DisclosureAudit.Run"/>).</summary>
    public List<AuditFinding> Audit(HashSet<(string Report, string Cell)>? only, int? newest)
    {
        var findings = new List<AuditFinding>();
        var programs = new Dictionary<Node, Program>();
        for (var b = 0; b < _family.Count; b++)
        {
            var block = _family[b];
            bool Wanted(string cell) => only is null || only.Contains((block.Report, cell));
            // The primary rule first: a small count shown is narrowed down to itself.
            foreach (var (cell, value) in block.Shown.Where(c => c.Value >= 1 && c.Value < block.Threshold && ValueOf(new Node(b, c.Key)) is not null))
            {
                if ((newest is null || newest == b) && Wanted(cell))
                {
                    findings.Add(new AuditFinding(block.Report, cell, value, value));
                }
            }
            // The protected counts: the small ones hidden; and the counts of a part left out, which says only that it
            // has from 1 to threshold − 1 records, so that none of them may be worked out any closer (that some of
            // them have a code, or exactly how many they are) from the other workbooks.
            var current = b;
            var leftOut = block.LeftOut.Order(StringComparer.Ordinal)
                .Where(cell => ConstraintsOf(new Node(current, cell)).Any(c => Constraints[c].Nodes.Any(n => n.Block != current)));
            foreach (var cell in block.Protected.Where(block.Hidden.Contains).Order(StringComparer.Ordinal).Concat(leftOut).Where(Wanted))
            {
                var node = new Node(b, cell);
                if (!programs.TryGetValue(node, out var program))
                {
                    program = Program.Around(this, node);
                    foreach (var member in program.Unknowns)
                    {
                        programs[member] = program;
                    }
                }
                if (newest is { } n && !program.Reaches(n))
                {
                    continue;
                }
                // Values already seen in solutions of the program lie inside the range: when they are far enough
                // apart, no program needs solving for this count. (Not so for a part's total, whose finding is not
                // a matter of width.)
                if (!PublishedCells.IsPartTotal(cell) && program.SeenWide(node, (low, high) => Narrow(node, low, high)))
                {
                    continue;
                }
                var (low, high) = program.Range(node);
                if (Narrow(node, low, high))
                {
                    findings.Add(new AuditFinding(block.Report, cell, low, high));
                }
            }
        }
        return findings;
    }

    /// <summary>
    /// Whether a protected count's range is too narrow: fewer whole values than the threshold for a hidden count.
    /// A part left out says it has from 1 to threshold − 1 records: a count of it is too narrow when it is shown to
    /// be non-zero (one of those few records has that code), and the part's total when its exact number can be
    /// worked out (a total known to be 0 says no more than a zero shown: a part left out beside a small one may be
    /// empty). That such a total is, say, at most 2 rather than at most 4 tells no one about anyone.
    /// </summary>
    public bool Narrow(Node node, double low, double high)
    {
        var block = _family[node.Block];
        var values = Math.Floor(high + Tolerance) - Math.Ceiling(low - Tolerance) + 1;
        if (!block.LeftOut.Contains(node.Cell))
        {
            return values < block.Threshold;
        }
        return PublishedCells.IsPartTotal(node.Cell) ? values < 2 && high > Tolerance : low > Tolerance;
    }

    /// <summary>The range of one count consistent with what the family shows.</summary>
    public (double Low, double High) Range(Node node) => ValueOf(node) is { } shown ? (shown, shown) : Program.Around(this, node).Range(node);

    /// <summary>
    /// The unknowns connected to a count through relations, and the linear program over them. A relation with one
    /// unknown left is a bound on it rather than a row of the program.
    /// </summary>
    private sealed class Program
    {
        private readonly Solver _solver;
        private readonly Dictionary<Node, Variable> _variables;
        private readonly HashSet<int> _blocks;

        /// <summary>Per variable, the smallest and largest value it took in a solution found so far.</summary>
        private readonly double[] _seenLow;
        private readonly double[] _seenHigh;
        private readonly Dictionary<Node, int> _indexOf;
        private bool _seeded;

        private Program(Solver solver, Dictionary<Node, Variable> variables, HashSet<int> blocks)
        {
            _solver = solver;
            _variables = variables;
            _blocks = blocks;
            _indexOf = variables.Keys.Select((node, index) => (node, index)).ToDictionary(p => p.node, p => p.index);
            _seenLow = [.. Enumerable.Repeat(double.PositiveInfinity, variables.Count)];
            _seenHigh = [.. Enumerable.Repeat(double.NegativeInfinity, variables.Count)];
        }

        public IEnumerable<Node> Unknowns => _variables.Keys;

        /// <summary>Whether a workbook of the family takes part in this program (its counts, shown or not, are in its relations).</summary>
        public bool Reaches(int block) => _blocks.Contains(block);

        public static Program Around(FamilyModel model, Node start)
        {
            var nodes = new HashSet<Node> { start };
            var constraints = new HashSet<int>();
            var blocks = new HashSet<int> { start.Block };
            var queue = new Queue<Node>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var c in model.ConstraintsOf(node))
                {
                    if (!constraints.Add(c))
                    {
                        continue;
                    }
                    foreach (var other in model.Constraints[c].Nodes)
                    {
                        blocks.Add(other.Block);
                        if (model.ValueOf(other) is null && nodes.Add(other))
                        {
                            queue.Enqueue(other);
                        }
                    }
                }
            }

            var lower = nodes.ToDictionary(n => n, model.LowerBoundOf);
            var upper = nodes.ToDictionary(n => n, model.UpperBoundOf);
            var rows = new List<(List<(Node Node, double Sign)> Terms, RelationKind Kind, double Right)>();
            foreach (var c in constraints)
            {
                var constraint = model.Constraints[c];
                // Σ terms − Σ totals compared with 0, the shown values moved to the right-hand side.
                var terms = new List<(Node, double)>();
                var right = 0.0;
                foreach (var (node, sign) in constraint.Terms.Select(t => (t, 1.0)).Concat(constraint.Totals.Select(t => (t, -1.0))))
                {
                    if (model.ValueOf(node) is { } value)
                    {
                        right -= sign * value;
                    }
                    else
                    {
                        terms.Add((node, sign));
                    }
                }
                if (terms.Count == 1)
                {
                    var (node, sign) = terms[0];
                    var bound = right / sign;
                    var kind = sign > 0 ? constraint.Kind : constraint.Kind switch { RelationKind.AtLeast => RelationKind.AtMost, RelationKind.AtMost => RelationKind.AtLeast, _ => RelationKind.Equal };
                    if (kind is RelationKind.Equal or RelationKind.AtLeast)
                    {
                        lower[node] = Math.Max(lower[node], bound);
                    }
                    if (kind is RelationKind.Equal or RelationKind.AtMost)
                    {
                        upper[node] = Math.Min(upper[node], bound);
                    }
                    continue;
                }
                rows.Add((terms, constraint.Kind, right));
            }

            var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("The GLOP linear solver is not available.");
            if (nodes.Any(n => upper[n] < lower[n] - Tolerance))
            {
                throw new FamilyContradictionException("The counts of a family contradict each other around " + start.Cell + ".");
            }
            var variables = nodes.ToDictionary(n => n, n => solver.MakeNumVar(lower[n], Math.Max(lower[n], upper[n]), ""));
            foreach (var (terms, kind, right) in rows)
            {
                var row = solver.MakeConstraint(
                    kind == RelationKind.AtMost ? double.NegativeInfinity : right,
                    kind == RelationKind.AtLeast ? double.PositiveInfinity : right,
                    "");
                // A count may stand in a relation twice (a partition's total among its terms): coefficients add up.
                foreach (var (node, sign) in terms)
                {
                    row.SetCoefficient(variables[node], row.GetCoefficient(variables[node]) + sign);
                }
            }
            return new Program(solver, variables, blocks);
        }

        public (double Low, double High) Range(Node node)
        {
            var variable = _variables[node];
            if (_solver.NumConstraints() == 0)
            {
                return (variable.Lb(), variable.Ub());
            }
            var objective = _solver.Objective();
            objective.Clear();
            objective.SetCoefficient(variable, 1);
            objective.SetMinimization();
            Solve();
            var low = variable.SolutionValue();
            objective.SetMaximization();
            Solve();
            return (low, variable.SolutionValue());
        }

        /// <summary>
        /// Whether the values a count took in the solutions found so far already make a range that is not too
        /// narrow: every such value is consistent with what the family shows, so the count's whole range holds
        /// them all and is at least as wide. The first call solves for the smallest and the largest sum of all
        /// unknowns, two solutions that settle most counts at once.
        /// </summary>
        public bool SeenWide(Node node, Func<double, double, bool> narrow)
        {
            if (!_seeded && _solver.NumConstraints() > 0)
            {
                _seeded = true;
                var objective = _solver.Objective();
                objective.Clear();
                foreach (var variable in _variables.Values)
                {
                    objective.SetCoefficient(variable, 1);
                }
                objective.SetMinimization();
                Solve();
                objective.SetMaximization();
                Solve();
            }
            var index = _indexOf[node];
            return _seenLow[index] <= _seenHigh[index] && !narrow(_seenLow[index], _seenHigh[index]);
        }

        private void Solve()
        {
            var status = _solver.Solve();
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                // GLOP's presolve has been seen to call a feasible program infeasible: solve once more without it.
                using var parameters = new MPSolverParameters();
                parameters.SetIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE, (int)MPSolverParameters.PresolveValues.PRESOLVE_OFF);
                status = _solver.Solve(parameters);
            }
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                throw Unsolved(status);
            }
            foreach (var (node, variable) in _variables)
            {
                var value = variable.SolutionValue();
                var index = _indexOf[node];
                _seenLow[index] = Math.Min(_seenLow[index], value);
                _seenHigh[index] = Math.Max(_seenHigh[index], value);
            }
        }

        /// <summary>A program without solution: what the family says of its counts cannot all be true.</summary>
        private static FamilyContradictionException Unsolved(Solver.ResultStatus status) =>
            new($"The disclosure audit's linear program ended {status}: the workbook cannot be shown to be safe.");
    }
}
