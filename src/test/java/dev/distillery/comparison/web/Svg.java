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

    /** The stroke colours of the stroked {@code <path>} elements that draw data series, one entry per path. */
    static java.util.List<String> seriesPaths(Document svg) {
        var paths = svg.getElementsByTagNameNS("*", "path");
        java.util.List<String> strokes = new java.util.ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            String style = ((org.w3c.dom.Element) paths.item(i)).getAttribute("style");
            if (style.contains("fill:none") && style.contains("stroke-width:2")) {
                strokes.add(style.replaceAll(".*stroke:(rgb\\([^)]*\\)).*", "$1"));
            }
        }
        return strokes;
    }
}
