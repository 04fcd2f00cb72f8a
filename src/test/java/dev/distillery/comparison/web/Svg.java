package dev.distillery.comparison.web;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Parses SVG bytes as XML (no DTDs fetched), failing when they are not well-formed. */
final class Svg {

    private Svg() {}

    static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /**
     * The data series of a line chart: stroke colour → number of straight segments drawn in it (the chart draws
     * each series as one {@code <line>} per pair of consecutive epochs, never as a smoothed path).
     */
    static java.util.Map<String, Integer> seriesSegments(Document svg) {
        java.util.Map<String, Integer> segments = new java.util.LinkedHashMap<>();
        for (String tag : java.util.List.of("path", "line")) {
            var elements = svg.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < elements.getLength(); i++) {
                String style = ((org.w3c.dom.Element) elements.item(i)).getAttribute("style");
                if (style.contains("fill:none") && style.contains("stroke-width:2")) {
                    String stroke = style.replaceAll(".*stroke:(rgb\\([^)]*\\)).*", "$1");
                    segments.merge(tag + " " + stroke, 1, Integer::sum);
                }
            }
        }
        return segments;
    }

    /** The markers drawn at data points. */
    static int markers(Document svg) {
        return svg.getElementsByTagNameNS("*", "circle").getLength()
                + svg.getElementsByTagNameNS("*", "ellipse").getLength();
    }
}
