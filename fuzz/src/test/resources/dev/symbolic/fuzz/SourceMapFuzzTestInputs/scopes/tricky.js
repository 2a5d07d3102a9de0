var s=`a${function(){return `b${x}`}()}c`;var r=/[/]\/(?:x)/g,q=a/b/c;if(a)/re/.test(b)
// comment function x(){}
/* function y(){} */ let z=async()=>{await w};function*gen(){yield 1}