using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Reporting.Workbooks;

/// <summary>Native bar charts: a drawing per sheet holding one chart part per chart of the spec.</summary>
internal static class XlsxChart
{
    /// <summary>The size of a chart, in cells of the default width and height.</summary>
    private const int WidthInColumns = SheetPlan.ChartWidthInColumns;
    private const int HeightInRows = 20;
    private const int GapInRows = 2;

    // Colours are explicit: without them LibreOffice draws no bars and no gridlines.
    private const string BarColour = "4472C4";
    private const string AxisColour = "BFBFBF";
    private const string GridColour = "D9D9D9";

    /// <summary>Adds the drawing with the sheet's charts, stacked right of its tables; returns the drawing's relationship id.</summary>
    public static string AddDrawing(WorksheetPart worksheetPart, SheetPlan sheet)
    {
        var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
        var drawing = new Xdr.WorksheetDrawing();
        drawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");

        var top = sheet.ChartRow - 1; // 0-based
        var charts = sheet.Spec.Charts ?? [];
        var row = top;
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            var chartPart = drawingsPart.AddNewPart<ChartPart>();
            chartPart.ChartSpace = ChartSpace(chart, sheet.TableFor(chart), sheet.Name, sheet.ChartLabelColumn(i));
            // One bar per table row: a long table (municipalities, themes) gets a taller chart so its labels stay readable.
            var height = Math.Max(HeightInRows, (sheet.TableFor(chart).Spec.Rows.Count * 3 / 2) + 5);
            var column = sheet.ChartColumn - 1; // 0-based
            drawing.Append(Anchor(drawingsPart.GetIdOfPart(chartPart), (uint)(i + 2), chart.Title, column, row, height));
            row += height + GapInRows;
        }
        drawingsPart.WorksheetDrawing = drawing;
        return worksheetPart.GetIdOfPart(drawingsPart);
    }

    private static Xdr.TwoCellAnchor Anchor(string chartId, uint shapeId, string title, int column, int row, int height) =>
        new(
            new Xdr.FromMarker(
                new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("0"),
                new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("0")),
            new Xdr.ToMarker(
                new Xdr.ColumnId((column + WidthInColumns).ToString(CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("0"),
                new Xdr.RowId((row + height).ToString(CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = shapeId, Name = XlsxText.StripInvalidXml("Chart " + title) },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 0L, Cy = 0L }),
                new A.Graphic(
                    new A.GraphicData(new C.ChartReference { Id = chartId })
                    {
                        Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
                    }))
            { Macro = string.Empty },
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };

    /// <summary>
    /// A clustered (horizontal) bar chart of one column of a table against another, one bar per row from top to
    /// bottom in the table's order, with cached values so it shows without recalculation.
    /// </summary>
    private static C.ChartSpace ChartSpace(ChartSpec chart, TablePlan table, string sheetName, int labelColumn)
    {
        const uint categoryAxisId = 48650112U;
        const uint valueAxisId = 48672768U;
        var categoryColumn = chart.CategoryColumn + 1;
        var valueColumn = chart.ValueColumn + 1;
        var valueKind = table.Spec.Columns[chart.ValueColumn].Kind;
        var format = valueKind switch
        {
            CellKind.Count => XlsxStyles.CountFormat,
            CellKind.Share => XlsxStyles.ShareFormat,
            _ => "General",
        };
        var count = (uint)(table.LastDataRow - table.FirstDataRow + 1);

        var labels = chart.Categories;
        if (labels is not null && labels.Count != table.Spec.Rows.Count)
        {
            throw new ArgumentException($"Chart \"{chart.Title}\" gives {labels.Count} categories for {table.Spec.Rows.Count} rows.");
        }
        C.CategoryAxisData Categories()
        {
            var cache = new C.StringCache(new C.PointCount { Val = count });
            for (var i = 0; i < table.Spec.Rows.Count; i++)
            {
                var row = table.Spec.Rows[i];
                var category = chart.CategoryColumn < row.Count ? row[chart.CategoryColumn] : null;
                var text = labels is not null ? labels[i]
                    : category is null ? null
                    : category is string s ? s : XlsxStyles.Display(XlsxStyles.ToDouble(category), table.Spec.Columns[chart.CategoryColumn].Kind);
                if (text is not null)
                {
                    cache.Append(new C.StringPoint(new C.NumericValue(XlsxText.ForCell(text))) { Index = (uint)i });
                }
            }
            var column = labels is null ? categoryColumn : labelColumn;
            return new C.CategoryAxisData(new C.StringReference(new C.Formula(XlsxText.SheetRange(sheetName, column, table.FirstDataRow, column, table.LastDataRow)), cache));
        }

        // A series' name is its column's header; its values are the column's numbers only (a hidden count is text: no point).
        C.SeriesText Name(int column) => new(new C.StringReference(
            new C.Formula(XlsxText.SheetRange(sheetName, column + 1, table.HeaderRow, column + 1, table.HeaderRow)),
            new C.StringCache(
                new C.PointCount { Val = 1U },
                new C.StringPoint(new C.NumericValue(XlsxText.ForCell(table.Headers[column]))) { Index = 0U })));

        C.Values Values(int column)
        {
            var cache = new C.NumberingCache(new C.FormatCode(format), new C.PointCount { Val = count });
            for (var i = 0; i < table.Spec.Rows.Count; i++)
            {
                var row = table.Spec.Rows[i];
                var value = column < row.Count ? row[column] : null;
                if (value is not null && XlsxStyles.IsNumber(value) && double.IsFinite(XlsxStyles.ToDouble(value)))
                {
                    cache.Append(new C.NumericPoint(new C.NumericValue(XlsxStyles.ToDouble(value).ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
                }
            }
            return new C.Values(new C.NumberReference(new C.Formula(XlsxText.SheetRange(sheetName, column + 1, table.FirstDataRow, column + 1, table.LastDataRow)), cache));
        }

        if (chart.Kind == ChartKind.Line)
        {
            return Wrap(chart.Title, LineChart(chart, format, Categories, Name, Values, categoryAxisId, valueAxisId), legend: true);
        }

        var series = new C.BarChartSeries(
            new C.Index { Val = 0U },
            new C.Order { Val = 0U },
            Name(chart.ValueColumn),
            new C.ChartShapeProperties(Fill(BarColour)),
            new C.InvertIfNegative { Val = false },
            new C.DataLabels(
                new C.NumberingFormat { FormatCode = format, SourceLinked = true },
                new C.ShowLegendKey { Val = false },
                new C.ShowValue { Val = true },
                new C.ShowCategoryName { Val = false },
                new C.ShowSeriesName { Val = false },
                new C.ShowPercent { Val = false },
                new C.ShowBubbleSize { Val = false }),
            Categories(),
            Values(chart.ValueColumn));

        var barChart = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false },
            series,
            new C.GapWidth { Val = (ushort)80 },
            new C.AxisId { Val = categoryAxisId },
            new C.AxisId { Val = valueAxisId });

        // Categories from top to bottom as in the table: the category axis runs max→min, and the value axis then
        // crosses it at its maximum so that it stays at the bottom.
        var categoryAxis = CategoryAxis(categoryAxisId, valueAxisId, C.OrientationValues.MaxMin, C.AxisPositionValues.Left, C.TickMarkValues.None);
        var valueAxis = ValueAxis(valueAxisId, categoryAxisId, format, C.AxisPositionValues.Bottom, C.CrossesValues.Maximum);

        return Wrap(chart.Title, new C.PlotArea(new C.Layout(), barChart, categoryAxis, valueAxis), legend: false);
    }

    /// <summary>
    /// A line per value column, one point per row from left to right (months in order), markers on the points, the
    /// legend naming each line.
    /// </summary>
    private static C.PlotArea LineChart(ChartSpec chart, string format, Func<C.CategoryAxisData> categories, Func<int, C.SeriesText> name, Func<int, C.Values> values, uint categoryAxisId, uint valueAxisId)
    {
        var lineChart = new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false });
        var columns = new[] { chart.ValueColumn }.Concat(chart.MoreValueColumns).ToList();
        for (var i = 0; i < columns.Count; i++)
        {
            var colour = SeriesColours[i % SeriesColours.Length];
            lineChart.Append(new C.LineChartSeries(
                new C.Index { Val = (uint)i },
                new C.Order { Val = (uint)i },
                name(columns[i]),
                new C.ChartShapeProperties(new A.Outline(Fill(colour)) { Width = 28575 }),
                new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 }, new C.ChartShapeProperties(Fill(colour))),
                categories(),
                values(columns[i]),
                new C.Smooth { Val = false }));
        }
        lineChart.Append(new C.ShowMarker { Val = true }, new C.AxisId { Val = categoryAxisId }, new C.AxisId { Val = valueAxisId });
        var categoryAxis = CategoryAxis(categoryAxisId, valueAxisId, C.OrientationValues.MinMax, C.AxisPositionValues.Bottom, C.TickMarkValues.Outside);
        var valueAxis = ValueAxis(valueAxisId, categoryAxisId, format, C.AxisPositionValues.Left, C.CrossesValues.AutoZero);
        return new C.PlotArea(new C.Layout(), lineChart, categoryAxis, valueAxis);
    }

    /// <summary>The axis of categories (bars or months), every label drawn.</summary>
    private static C.CategoryAxis CategoryAxis(uint id, uint crossing, C.OrientationValues orientation, C.AxisPositionValues position, C.TickMarkValues ticks) =>
        new(
            new C.AxisId { Val = id },
            new C.Scaling(new C.Orientation { Val = orientation }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
            new C.MajorTickMark { Val = ticks },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.ChartShapeProperties(Line(AxisColour)),
            FontOf(LabelSize),
            new C.CrossingAxis { Val = crossing },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = (ushort)100 },
            // Every label, however many bars: a skipped label leaves a bar beside its neighbour's name.
            new C.TickLabelSkip { Val = 1 },
            new C.TickMarkSkip { Val = 1 },
            new C.NoMultiLevelLabels { Val = false });

    /// <summary>The axis of values, with gridlines and the values' number format.</summary>
    private static C.ValueAxis ValueAxis(uint id, uint crossing, string format, C.AxisPositionValues position, C.CrossesValues crosses) =>
        new(
            new C.AxisId { Val = id },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position },
            new C.MajorGridlines(new C.ChartShapeProperties(Line(GridColour))),
            new C.NumberingFormat { FormatCode = format, SourceLinked = true },
            new C.MajorTickMark { Val = C.TickMarkValues.None },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())),
            new C.CrossingAxis { Val = crossing },
            new C.Crosses { Val = crosses },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });

    private static readonly string[] SeriesColours = [BarColour, "ED7D31", "70AD47", "7030A0", "FFC000", "5B9BD5"];

    private static C.ChartSpace Wrap(string? titleText, C.PlotArea plotArea, bool legend)
    {
        var title = new C.Title(
            new C.ChartText(new C.RichText(
                new A.BodyProperties(),
                new A.ListStyle(),
                new A.Paragraph(
                    new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 1400, Bold = true }),
                    new A.Run(
                        new A.RunProperties { Language = "en-US", FontSize = 1400, Bold = true },
                        new A.Text(XlsxText.StripInvalidXml(titleText ?? string.Empty)))))),
            new C.Overlay { Val = false });
        var body = new C.Chart(title, new C.AutoTitleDeleted { Val = false }, plotArea);
        if (legend)
        {
            body.Append(new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }));
        }
        // The bar labels may stand in a hidden column.
        body.Append(new C.PlotVisibleOnly { Val = false }, new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });
        var space = new C.ChartSpace(new C.Date1904 { Val = false }, new C.RoundedCorners { Val = false }, body);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }

    /// <summary>The labels' font size, in hundredths of a point.</summary>
    private const int LabelSize = 900;

    private static C.TextProperties FontOf(int size) => new(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size }), new A.EndParagraphRunProperties { Language = "en-US" }));

    private static A.SolidFill Fill(string colour) => new(new A.RgbColorModelHex { Val = colour });

    private static A.Outline Line(string colour) => new(Fill(colour)) { Width = 9525 };
}
