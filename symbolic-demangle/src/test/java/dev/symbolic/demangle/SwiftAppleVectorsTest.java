package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors from Apple's {@code test/Demangle/Inputs/manglings.txt} (new manglings only). That file
 * is printed by {@code swift-demangle}, which adds type sugar, so the printer is checked with
 * sugar on; {@code complete()} itself prints without sugar, like Apple's default options.
 * Vectors whose manglings this port does not cover must give no result, never other text.
 */
class SwiftAppleVectorsTest {
  private static final String[][] VECTORS = {
    {"_T03foo3barC3basyAA3zimCAE_tFTo", "@objc foo.bar.bas(zim: foo.zim) -> ()"},
    {"_T0SC3fooS2d_SdtFTO",
        "@nonobjc __C_Synthesized.foo(Swift.Double, Swift.Double) -> Swift.Double"},
    {"_$s3foo3barC3bas3zimyAaEC_tFTo", "@objc foo.bar.bas(zim: foo.zim) -> ()"},
    {"_$sSC3fooyS2d_SdtFTO",
        "@nonobjc __C_Synthesized.foo(Swift.Double, Swift.Double) -> Swift.Double"},
    {"_$S3foo3barC3bas3zimyAaEC_tFTo", "@objc foo.bar.bas(zim: foo.zim) -> ()"},
    {"_T013call_protocol1CCAA1PA2aDP3fooSiyFTW",
        "protocol witness for call_protocol.P.foo() -> Swift.Int in conformance "
            + "call_protocol.C : call_protocol.P in call_protocol"},
    {"_T0s17MutableCollectionP1asAARzs012RandomAccessB0RzsAA11SubSequences013Bidirectional"
        + "B0PRpzsAdHRQlE06rotatecD05Indexs01_A9IndexablePQzAM15shiftingToStart_tFAJs01_J4Base"
        + "PQzAQcfU_",
        "closure #1 (A.Swift._IndexableBase.Index) -> A.Swift._IndexableBase.Index in "
            + "(extension in a):Swift.MutableCollection<A where A: Swift.MutableCollection, "
            + "A: Swift.RandomAccessCollection, A.Swift.BidirectionalCollection.SubSequence: "
            + "Swift.MutableCollection, A.Swift.BidirectionalCollection.SubSequence: "
            + "Swift.RandomAccessCollection>.rotateRandomAccess(shiftingToStart: "
            + "A.Swift._MutableIndexable.Index) -> A.Swift._MutableIndexable.Index"},
    {"_$Ss17MutableCollectionP1asAARzs012RandomAccessB0RzsAA11SubSequences013Bidirectional"
        + "B0PRpzsAdHRQlE06rotatecD015shiftingToStart5Indexs01_A9IndexablePQzAN_tFAKs01_M4Base"
        + "PQzAQcfU_",
        "closure #1 (A.Swift._IndexableBase.Index) -> A.Swift._IndexableBase.Index in "
            + "(extension in a):Swift.MutableCollection<A where A: Swift.MutableCollection, "
            + "A: Swift.RandomAccessCollection, A.Swift.BidirectionalCollection.SubSequence: "
            + "Swift.MutableCollection, A.Swift.BidirectionalCollection.SubSequence: "
            + "Swift.RandomAccessCollection>.rotateRandomAccess(shiftingToStart: "
            + "A.Swift._MutableIndexable.Index) -> A.Swift._MutableIndexable.Index"},
    {"_T0s10DictionaryV3t17E6Index2V1loiSbAEyxq__G_AGtFZ",
        "static (extension in t17):Swift.Dictionary.Index2.< infix((extension in t17):"
            + "[A : B].Index2, (extension in t17):[A : B].Index2) -> Swift.Bool"},
    {"_$Ss10DictionaryV3t17E6Index2V1loiySbAEyxq__G_AGtFZ",
        "static (extension in t17):Swift.Dictionary.Index2.< infix((extension in t17):"
            + "[A : B].Index2, (extension in t17):[A : B].Index2) -> Swift.Bool"},
    {"_T08mangling14varargsVsArrayySi3arrd_SS1ntF",
        "mangling.varargsVsArray(arr: Swift.Int..., n: Swift.String) -> ()"},
    {"_T08mangling14varargsVsArrayySaySiG3arr_SS1ntF",
        "mangling.varargsVsArray(arr: [Swift.Int], n: Swift.String) -> ()"},
    {"_T08mangling14varargsVsArrayySaySiG3arrd_SS1ntF",
        "mangling.varargsVsArray(arr: [Swift.Int]..., n: Swift.String) -> ()"},
    {"_T08mangling14varargsVsArrayySi3arrd_tF", "mangling.varargsVsArray(arr: Swift.Int...) -> ()"},
    {"_T08mangling14varargsVsArrayySaySiG3arrd_tF",
        "mangling.varargsVsArray(arr: [Swift.Int]...) -> ()"},
    {"_$S8mangling14varargsVsArray3arr1nySid_SStF",
        "mangling.varargsVsArray(arr: Swift.Int..., n: Swift.String) -> ()"},
    {"_$S8mangling14varargsVsArray3arrySid_tF", "mangling.varargsVsArray(arr: Swift.Int...) -> ()"},
    {"_T0s13_UnicodeViewsVss22RandomAccessCollectionRzs0A8EncodingR_11SubSequence_5IndexQZAFRtzs"
        + "AcERpzAE_AEQZAIRSs15UnsignedInteger8Iterator_7ElementRPzAE_AlMQZANRS13EncodedScalar_AlM"
        + "QY_AORSr0_lE13CharacterViewVyxq__G",
        "(extension in Swift):Swift._UnicodeViews<A, B><A, B where A: Swift.RandomAccessCollection, "
            + "B: Swift.UnicodeEncoding, A.Index == A.SubSequence.Index, A.SubSequence: "
            + "Swift.RandomAccessCollection, A.SubSequence == A.SubSequence.SubSequence, "
            + "A.Iterator.Element: Swift.UnsignedInteger, A.Iterator.Element == "
            + "A.SubSequence.Iterator.Element, A.SubSequence.Iterator.Element == "
            + "B.EncodedScalar.Iterator.Element>.CharacterView"},
    {"_T010Foundation11MeasurementV12SimulatorKitSo9UnitAngleCRszlE11OrientationO2eeoiSbAcDEAGOy"
        + "AF_G_AKtFZ",
        "static (extension in SimulatorKit):Foundation.Measurement<A where A == __C.UnitAngle>"
            + ".Orientation.== infix((extension in SimulatorKit):Foundation.Measurement<"
            + "__C.UnitAngle>.Orientation, (extension in SimulatorKit):Foundation.Measurement<"
            + "__C.UnitAngle>.Orientation) -> Swift.Bool"},
    {"_$S10Foundation11MeasurementV12SimulatorKitSo9UnitAngleCRszlE11OrientationO2eeoiySbAcDEAG"
        + "OyAF_G_AKtFZ",
        "static (extension in SimulatorKit):Foundation.Measurement<A where A == __C.UnitAngle>"
            + ".Orientation.== infix((extension in SimulatorKit):Foundation.Measurement<"
            + "__C.UnitAngle>.Orientation, (extension in SimulatorKit):Foundation.Measurement<"
            + "__C.UnitAngle>.Orientation) -> Swift.Bool"},
    {"_T04main1_yyF", "main._() -> ()"},
    {"_T04test6testitSiyt_tF", "test.testit(()) -> Swift.Int"},
    {"_$S4test6testitySiyt_tF", "test.testit(()) -> Swift.Int"},
    {"_T03abc6testitySiFTm", "merged abc.testit(Swift.Int) -> ()"},
    {"_T04main4TestCACSi1x_tc6_PRIV_Llfc", "main.Test.(in _PRIV_).init(x: Swift.Int) -> main.Test"},
    {"_$S3abc6testityySiFTm", "merged abc.testit(Swift.Int) -> ()"},
    {"_$S4main4TestC1xACSi_tc6_PRIV_Llfc", "main.Test.(in _PRIV_).init(x: Swift.Int) -> main.Test"},
    {"_T0SqWOy.17", "outlined copy of Swift.Optional with unmangled suffix \".17\""},
    {"_T03nix6testitSaySiGyFTv_", "outlined variable #0 of nix.testit() -> [Swift.Int]"},
    {"_T03nix6testitSaySiGyFTv0_", "outlined variable #1 of nix.testit() -> [Swift.Int]"},
    {"_T0So11UITextFieldC4textSSSgvgToTepb_",
        "outlined bridged method (pb) of @objc __C.UITextField.text.getter : Swift.String?"},
    {"$sSo5GizmoC11doSomethingyypSgSaySSGSgFToTembgnn_",
        "outlined bridged method (mbgnn) of @objc __C.Gizmo.doSomething([Swift.String]?) -> Any?"},
    {"_T0s24_UnicodeScalarExceptions33_0E4228093681F6920F0AB2E48B4F1C69LLVACycfC",
        "Swift.(_UnicodeScalarExceptions in _0E4228093681F6920F0AB2E48B4F1C69).init() -> "
            + "Swift.(_UnicodeScalarExceptions in _0E4228093681F6920F0AB2E48B4F1C69)"},
    {"_T0So13GenericOptionas8HashableSCsACP9hashValueSivgTW",
        "protocol witness for Swift.Hashable.hashValue.getter : Swift.Int in conformance "
            + "__C.GenericOption : Swift.Hashable in __C_Synthesized"},
    {"$S28protocol_conformance_records15NativeValueTypeVAA8RuncibleAAMc",
        "protocol conformance descriptor for protocol_conformance_records.NativeValueType : "
            + "protocol_conformance_records.Runcible in protocol_conformance_records"},
    {"$SSC9SomeErrorLeVD", "__C_Synthesized.related decl 'e' for SomeError"},
    {"$S4blah8PatatinoaySiGD", "blah.Patatino<Swift.Int>"},
    {"$SSiSHsWP", "protocol witness table for Swift.Int : Swift.Hashable in Swift"},
    {"$S7TestMod5OuterV3Fooayx_SiGD", "TestMod.Outer<A>.Foo<Swift.Int>"},
    {"$Ss17_VariantSetBufferO05CocoaC0ayx_GD", "Swift._VariantSetBuffer<A>.CocoaBuffer"},
    {"$s1A1gyyxlFx_qd__t_Ti5", "inlined generic function <(A, A1)> of A.g<A>(A) -> ()"},
    {"$S1T19protocol_resilience17ResilientProtocolPTl",
        "associated type descriptor for protocol_resilience.ResilientProtocol.T"},
    {"$S18resilient_protocol21ResilientBaseProtocolTL",
        "protocol requirements base descriptor for resilient_protocol.ResilientBaseProtocol"},
    {"$S1t1PP10AssocType2_AA1QTn", "associated conformance descriptor for t.P.AssocType2: t.Q"},
    {"$S1t1PP10AssocType2_AA1QTN", "default associated conformance accessor for t.P.AssocType2: t.Q"},
    {"$s4Test6testityyxlFAA8MystructV_TB5",
        "generic specialization <Test.Mystruct> of Test.testit<A>(A) -> ()"},
    {"$s4test3StrCACycfC", "test.Str.__allocating_init() -> test.Str"},
    {"$s17property_wrappers10WithTuplesV9fractionsSd_S2dtvpfP",
        "property wrapper backing initializer of property_wrappers.WithTuples.fractions : "
            + "(Swift.Double, Swift.Double, Swift.Double)"},
    {"$sSo17OS_dispatch_queueC4sync7executeyyyXE_tFTOTA",
        "partial apply forwarder for @nonobjc __C.OS_dispatch_queue.sync(execute: () -> ()) -> ()"},
    {"$s4main1gyySiXCvp", "main.g : @convention(c) (Swift.Int) -> ()"},
    {"$s4main1gyySiXBvp", "main.g : @convention(block) (Swift.Int) -> ()"},
    {"$sx1td_t", "(t: A...)"},
    {"$s4main20receiveInstantiationyySo34__CxxTemplateInst12MagicWrapperIiEVzF",
        "main.receiveInstantiation(inout __C.__CxxTemplateInst12MagicWrapperIiE) -> ()"},
    {"$s4main19returnInstantiationSo34__CxxTemplateInst12MagicWrapperIiEVyF",
        "main.returnInstantiation() -> __C.__CxxTemplateInst12MagicWrapperIiE"},
    {"$S3nix8MystructV1xACyxGx_tcfc7MyaliasL_ayx__GD",
        "Myalias #1 in nix.Mystruct<A>.init(x: A) -> nix.Mystruct<A>"},
    {"$S3nix7MyclassCfd7MyaliasL_ayx__GD", "Myalias #1 in nix.Myclass<A>.deinit"},
    {"$S3nix8MystructVyS2icig7MyaliasL_ayx__GD",
        "Myalias #1 in nix.Mystruct<A>.subscript.getter : (Swift.Int) -> Swift.Int"},
    {"$S3nix8MystructV6testit1xyx_tF7MyaliasL_ayx__GD",
        "Myalias #1 in nix.Mystruct<A>.testit(x: A) -> ()"},
    {"$S3nix8MystructV6testit1x1u1vyx_qd__qd_0_tr0_lF7MyaliasL_ayx_qd__qd_0__GD",
        "Myalias #1 in nix.Mystruct<A>.testit<A1, B1>(x: A, u: A1, v: B1) -> ()"},
    {"$s4Test5ProtoP8IteratorV10collectionAEy_qd__Gqd___tcfc",
        "Test.Proto.Iterator.init(collection: A1) -> Test.Proto.Iterator<A1>"},
    {"_T04test1SVyxGAA1RA2A1ZRzAA1Y2ZZRpzl1A_AhaGPWT",
        "associated type witness table accessor for A.ZZ : test.Y in <A where A: test.Z, "
            + "A.ZZ: test.Y> test.S<A> : test.R in test"},
    {"$S2t21QP22ProtocolTypeAliasThingayAA4BlahV5SomeQa_GSgD",
        "t2.Blah.SomeQ as t2.Q.ProtocolTypeAliasThing?"},
    {"_T0s18EnumeratedIteratorVyxGs8Sequencess0B8ProtocolRzlsADP5splitSay03SubC0QzGSi9maxSplits"
        + "_Sb25omittingEmptySubsequencesSb7ElementQzKc14whereSeparatortKFTW",
        "protocol witness for Swift.Sequence.split(maxSplits: Swift.Int, "
            + "omittingEmptySubsequences: Swift.Bool, whereSeparator: (A.Element) throws -> "
            + "Swift.Bool) throws -> [A.SubSequence] in conformance <A where A: "
            + "Swift.IteratorProtocol> Swift.EnumeratedIterator<A> : Swift.Sequence in Swift"},
  };

  /** Inputs Apple's demangler rejects (it echoes them). */
  static final String[] INVALID = {
    "_T0Rml", "_T0Tk", "_T0A8", "_T0D", "_T0s3SetVyxGs10CollectiotySivm",
    "_T0s18ReversedCollectionVyxGs04LazyB8ProtocolfC", "_T0iW",
    "_T0s5print_9separator10terminatoryypfC", "_T0LiteralAByxGxd_tcfC", "_T0XZ",
    "$SSD1BySSSBsg_G", "_$S3BBBBf0602365061_", "_$S3BBBBi0602365061_", "_$S3BBBBv0602365061_",
    "_T0lxxxmmmTk", "$sSD5IndexVy__GD", "$syQo",
    "$s0059xxxxxxxxxxxxxxx_ttttttttBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBee",
    "_T0s30ReversedRandomAccessCollectionVyxGTfq3nnpf_nTfq1cn_nTfq4x_n", "$sTB",
  };

  @Test
  void appleVectorsWithSugar() {
    List<String> wrong = new ArrayList<>();
    int exact = 0;
    int empty = 0;
    for (String[] v : VECTORS) {
      SwiftNode root = SwiftParser.parse(v[0]);
      String actual = root == null ? null : SwiftPrinter.completeWithSugar(root);
      if (actual == null) {
        empty++;
        System.out.println("  empty: " + v[0]);
      } else if (actual.equals(v[1])) {
        exact++;
      } else {
        wrong.add(v[0] + "\n    expected: " + v[1] + "\n    actual:   " + actual);
      }
    }
    System.out.println("apple manglings.txt: exact " + exact + "/" + VECTORS.length
        + ", empty " + empty + ", wrong " + wrong.size());
    wrong.forEach(w -> System.out.println("  WRONG: " + w));
    assertThat(wrong).isEmpty();
  }

  @Test
  void invalidManglingsGiveNoResult() {
    for (String m : INVALID) {
      for (DemangleOptions o : new DemangleOptions[] {DemangleOptions.complete(),
          DemangleOptions.nameOnly(), DemangleOptions.nameOnly().parameters(true)}) {
        assertThat(SwiftDemangler.demangle(m, o)).as(m).isEmpty();
      }
    }
  }
}
