package io.transfab.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses SVG markup with the JDK's XML parser (fails the test on malformed markup). */
final class SvgXml {
    private SvgXml() {
    }

    static Document parse(String markup) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new InputSource(new StringReader(markup)));
    }

    /** Text content of every element with the given local name, in document order. */
    static List<String> texts(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** Every id attribute value in the document. */
    static List<String> ids(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String id = ((org.w3c.dom.Element) nodes.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }
}
